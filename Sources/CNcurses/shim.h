// Shardline's one entry point to ncursesw. SwiftPM drops the -D flags pkg-config reports, and
// Swift imports neither function-like macros nor macros that take a global's address, so the
// wide-character switch is defined here and each such macro is wrapped in a prefixed inline
// function (see CLIBS.md).
#ifndef SHARDLINE_CNCURSES_SHIM_H
#define SHARDLINE_CNCURSES_SHIM_H
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <langinfo.h>
#include <ncurses.h>
#include <string.h>

// Attribute macros expand to NCURSES_BITS(...), a function-like macro.
static inline attr_t shardline_attr_bold(void) { return A_BOLD; }
static inline attr_t shardline_attr_reverse(void) { return A_REVERSE; }
static inline attr_t shardline_attr_underline(void) { return A_UNDERLINE; }
static inline attr_t shardline_attr_dim(void) { return A_DIM; }
static inline attr_t shardline_attr_normal(void) { return A_NORMAL; }

// COLOR_PAIR(n) is a function-like macro.
static inline attr_t shardline_color_pair(short pair) { return COLOR_PAIR(pair); }

// stdscr is a macro over a global in some builds; reading it through a function is portable.
static inline WINDOW *shardline_stdscr(void) { return stdscr; }

// Sets LC_ALL from the environment; must run before initscr() for UTF-8 drawing.
static inline void shardline_set_locale(void) { setlocale(LC_ALL, ""); }

// Draws one wide character with attributes and a colour pair at the cursor.
static inline int shardline_add_wide(wchar_t ch, attr_t attributes, short pair) {
  cchar_t cell;
  wchar_t text[2] = {ch, L'\0'};
  setcchar(&cell, text, attributes, pair, NULL);
  return add_wch(&cell);
}

// The C library's codeset after shardline_set_locale: a locale of "C" or "POSIX" (no LANG, as
// in a bare container or a CI job) is not UTF-8, and box drawing would come out as `?`.
static inline int shardline_locale_is_utf8(void) {
  const char *codeset = nl_langinfo(CODESET);
  return codeset != NULL && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
}

// Switches the character type to C.UTF-8 when the environment's locale is not UTF-8; returns
// whether it took.
static inline int shardline_use_utf8_ctype(void) {
  return setlocale(LC_CTYPE, "C.UTF-8") != NULL || setlocale(LC_CTYPE, "C.utf8") != NULL;
}

// newterm reads stdout and stdin, mutable C globals Swift 6 will not read. Unlike initscr,
// which prints and exits, it returns NULL when TERM names no terminal it knows.
static inline SCREEN *shardline_new_screen(void) { return newterm(NULL, stdout, stdin); }

// getmaxy and getmaxx are function-like macros over WINDOW fields.
static inline int shardline_rows(void) { return getmaxy(stdscr); }
static inline int shardline_columns(void) { return getmaxx(stdscr); }

// COLOR_PAIRS is a mutable global (a macro over one in some builds).
static inline int shardline_color_pair_count(void) { return COLOR_PAIRS; }

// Moves the cursor of stdscr to `row`, `column`; move() is a macro over wmove(stdscr, ...).
static inline int shardline_move(int row, int column) { return wmove(stdscr, row, column); }

// Reads one key from stdscr, waiting at most `milliseconds` (timeout() and get_wch are macros
// over stdscr, and KEY_CODE_YES is an octal macro). Returns 0 when none came, 1 when `value`
// holds a character, 2 when it holds a KEY_* code.
static inline int shardline_read_key(int milliseconds, unsigned int *value) {
  wint_t read = 0;
  wtimeout(stdscr, milliseconds);
  int result = wget_wch(stdscr, &read);
  *value = (unsigned int)read;
  if (result == KEY_CODE_YES) return 2;
  if (result == OK) return 1;
  return 0;
}
#endif

#!/usr/bin/env python3
"""Writes tales.txt: short made-up stories from a small English grammar, for the
character-level GPT sample (`shardline run ... --data Samples/corpus/tales.txt`).

Every word list and sentence pattern is written here; no outside text is used. The output
depends only on the seed: `python3 make_tales.py > tales.txt` rewrites the committed file.
"""

import random

SEED = 7
STORIES = 220

NAMES = ["Anna", "Ben", "Clara", "Tom", "Mia", "Leo", "Nora", "Sam", "Ivy", "Max"]
ANIMALS = ["cat", "dog", "fox", "owl", "duck", "horse", "rabbit", "goat", "bird", "frog"]
PLACES = ["the river", "the old mill", "the market", "the garden", "the hill",
          "the forest", "the little farm", "the harbor", "the bridge", "the school"]
THINGS = ["a red ball", "a small boat", "a blue kite", "an old map", "a warm coat",
          "a basket of apples", "a silver key", "a wooden box", "a loaf of bread", "a lamp"]
FEELINGS = ["happy", "tired", "hungry", "brave", "curious", "sleepy", "glad", "worried"]
WEATHER = ["The sun was bright", "It was raining", "The wind was cold", "The sky was grey",
           "It was a quiet morning", "The evening was warm"]
VERBS = ["found", "lost", "carried", "painted", "shared", "hid", "opened", "fixed"]
MOVES = ["walked", "ran", "rode", "climbed", "hurried", "wandered"]
SAYINGS = ["Let us go home", "I will help you", "Look at this", "We can do it together",
           "What a fine day", "Thank you, my friend", "Where did it go", "Come and see"]


def sentence(rng, hero, friend, animal):
    pattern = rng.randrange(9)
    if pattern == 0:
        return f"{rng.choice(WEATHER)}, and {hero} {rng.choice(MOVES)} to {rng.choice(PLACES)}."
    if pattern == 1:
        return f"{hero} {rng.choice(VERBS)} {rng.choice(THINGS)} near {rng.choice(PLACES)}."
    if pattern == 2:
        return f"The {animal} was {rng.choice(FEELINGS)}, so it {rng.choice(MOVES)} after {hero}."
    if pattern == 3:
        return f"\"{rng.choice(SAYINGS)}!\" said {friend}."
    if pattern == 4:
        return f"{friend} and {hero} {rng.choice(MOVES)} past {rng.choice(PLACES)} with the {animal}."
    if pattern == 5:
        return f"Then {hero} felt {rng.choice(FEELINGS)} and sat down by {rng.choice(PLACES)}."
    if pattern == 6:
        return f"{friend} {rng.choice(VERBS)} {rng.choice(THINGS)} for the {animal}."
    if pattern == 7:
        return f"\"{rng.choice(SAYINGS)},\" said {hero} to the {animal}."
    return f"The {animal} {rng.choice(VERBS)} {rng.choice(THINGS)} and {hero} was {rng.choice(FEELINGS)}."


def story(rng):
    hero, friend = rng.sample(NAMES, 2)
    animal = rng.choice(ANIMALS)
    article = "an" if animal[0] in "aeiou" else "a"
    lines = [f"Once there was {article} {animal} who lived with {hero} near {rng.choice(PLACES)}."]
    lines += [sentence(rng, hero, friend, animal) for _ in range(rng.randrange(4, 8))]
    lines.append(f"At night {hero} and the {animal} went to sleep, {rng.choice(FEELINGS)} and warm.")
    return " ".join(lines)


def main():
    rng = random.Random(SEED)
    print("\n\n".join(story(rng) for _ in range(STORIES)))


if __name__ == "__main__":
    main()

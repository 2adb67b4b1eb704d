import ShardlineCLI

ShardlineCommand.main()

from cantrade_cli.cli import main

main()

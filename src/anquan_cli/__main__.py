from anquan_cli.cli import main

main()

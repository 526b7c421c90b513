from anquan_cli.cli import main

# Guarded: where worker processes are spawned (Windows, macOS), each one imports this module as
# __mp_main__ and must not run the command again.
if __name__ == "__main__":
    main()

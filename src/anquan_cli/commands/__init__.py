"""One module per command: parse options, call the library once, print."""

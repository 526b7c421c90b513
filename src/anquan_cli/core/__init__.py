"""What every layer may use: configuration, errors and findings, the message catalogue, dates, text
helpers, vocabularies, identifiers and safe output paths. Imports nothing above it."""

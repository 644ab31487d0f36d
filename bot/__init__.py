"""Summit's runtime: settings, Redis connection, logging and the command line."""

# only comments

# nothing to run

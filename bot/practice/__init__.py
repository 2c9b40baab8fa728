"""The practice flow: ask a prompt, collect the answer, submit, assess, store, compare tries."""

"""The mock professional discussion: timed, learner-led, mapped to a standard's areas, with a report."""

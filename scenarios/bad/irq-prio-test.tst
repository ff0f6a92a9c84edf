# malformed on purpose: see UnitTests/Simulator/UnitTestMalformedScripts.cs
# irq and idle (scenario-language.md §17) have only the O and E fields.
C: semgive:		idle: 0
T: opcodeeq:		idle: 0
T: prioeq:		idle: 0

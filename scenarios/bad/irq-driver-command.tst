# malformed on purpose: see UnitTests/Simulator/UnitTestMalformedScripts.cs
# irq and idle (scenario-language.md §17) make kernel calls; the driver commands need a test thread.
C: semgive:		irq: 0
C: schedfifo:		irq: 80

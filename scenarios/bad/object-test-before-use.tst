# malformed on purpose: see UnitTests/Simulator/UnitTestMalformedScripts.cs
# An object test (scenario-language.md §22) reads an object an earlier C line created or used:
# no line before line 5 names semaphore 1.
C: semgive:		0: 0
T: semcounteq:		1: 0

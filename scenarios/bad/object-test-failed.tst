# malformed on purpose: see UnitTests/Simulator/UnitTestMalformedScripts.cs
# A failed object test (scenario-language.md §22) reports the object's state.
C: semcreate:		0: count=1, max=3
C: semgive:		irq: 0
T: semcounteq:		0: 2
T: semcounteq:		0: 3

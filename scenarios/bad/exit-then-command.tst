# malformed on purpose: see UnitTests/Simulator/UnitTestMalformedScripts.cs
# A thread that has ended (exit, scenario-language.md §20) takes no more commands: line 6 is rejected.
C: locknowait:		0: 0
W: locked:		0: 0
C: exit:		0: 0
C: schedfifo:		0: 80

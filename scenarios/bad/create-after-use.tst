# malformed on purpose: see UnitTests/Simulator/UnitTestMalformedScripts.cs
# A create command must come before any other use of the object (scenario-language.md §18):
# line 4 used L0, so L0 already exists (plain) when line 5 would create it robust.
C: locknowait:		0: 0
C: mutexcreate:		0: robust

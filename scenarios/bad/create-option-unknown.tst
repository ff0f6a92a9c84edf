# malformed on purpose: see UnitTests/Simulator/UnitTestMalformedScripts.cs
# mutexcreate knows ceiling=K, recursive and robust (scenario-language.md §18).
C: mutexcreate:		0: ceiling=80
C: mutexcreate:		1: recursive, inherit

using System;

namespace NfRt.FootprintNano
{
    /// <summary>
    /// Free managed heap on nanoCLR, which has no API for it (nano mscorlib 1.17.11: no GC.GetTotalMemory, no
    /// GC.Run). <see cref="FreeBytes"/> fills the heap with a chain of arrays of <see cref="BigElements"/>
    /// references until <see cref="OutOfMemoryException"/>, then the gaps with a chain of one-field objects
    /// (<see cref="CellBytes"/> each) until the next one, then the 12-byte holes left with plain objects kept in the
    /// big arrays' free slots, drops everything and returns what it held. nanoCLR
    /// runs a full garbage collection (which also empties its cache of freed stack frames) before it fails an
    /// allocation, so the figure is every byte not reachable at the call, exactly (the heap's unit is 12 bytes). Sizes follow
    /// nanoCLR's heap layout on a 32-bit part: 12-byte heap blocks; an array is a 20-byte header plus its
    /// elements (12 bytes per reference), rounded up to whole blocks; an object is one header block plus one
    /// block per field. <see cref="SelfCheck"/> proves those sizes on the running firmware.
    /// The fill is one flat method: with the heap full, a call would need a stack frame from it.
    /// </summary>
    internal static class HeapProbe
    {
        /// <summary>References per big array (about 3 KiB each).</summary>
        internal const int BigElements = 256;

        /// <summary>Bytes of one big array: (20 + 12 x 256) rounded up to 12.</summary>
        internal const int BigBytes = (20 + 12 * BigElements + 11) / 12 * 12;

        /// <summary>Bytes of one <see cref="Cell"/>: a header block and one field block.</summary>
        internal const int CellBytes = 24;

        /// <summary>Bytes of a plain <c>object</c>: one header block.</summary>
        internal const int ObjectBytes = 12;

        private sealed class Cell
        {
            internal Cell Next;
        }

        /// <summary>Free heap bytes now, after a full collection (the big arrays need at least one to hold the objects of the last phase).</summary>
        internal static int FreeBytes()
        {
            object[] big = null;
            int bigCount = 0;
            try
            {
                while (true)
                {
                    object[] b = new object[BigElements];
                    b[0] = big;
                    big = b;
                    bigCount++;
                }
            }
            catch (OutOfMemoryException)
            {
            }
            Cell cells = null;
            int cellCount = 0;
            try
            {
                while (true)
                {
                    Cell c = new Cell();
                    c.Next = cells;
                    cells = c;
                    cellCount++;
                }
            }
            catch (OutOfMemoryException)
            {
            }
            // The 12-byte holes a cell cannot fill: plain objects, kept in the big arrays' free slots.
            int objectCount = 0;
            try
            {
                for (object[] b = big; b != null; b = (object[])b[0])
                    for (int i = 1; i < BigElements; i++)
                    {
                        b[i] = new object();
                        objectCount++;
                    }
            }
            catch (OutOfMemoryException)
            {
            }
            big = null;
            cells = null;
            return bigCount * BigBytes + cellCount * CellBytes + objectCount * ObjectBytes;
        }

        /// <summary>
        /// Checks the probe on this runtime: keeping 10 cells must cost 10 x <see cref="CellBytes"/>, keeping one
        /// big array <see cref="BigBytes"/>, and two readings with nothing in between must agree. Null when all
        /// hold, else what differed.
        /// </summary>
        internal static string SelfCheck()
        {
            int a = FreeBytes();
            int b = FreeBytes();
            if (a != b) return "two readings differ: " + a + " then " + b;
            Cell keep = null;
            for (int i = 0; i < 10; i++) { Cell c = new Cell(); c.Next = keep; keep = c; }
            int c10 = FreeBytes();
            if (keep == null || a - c10 != 10 * CellBytes) return "10 cells took " + (a - c10) + " bytes, expected " + 10 * CellBytes;
            keep = null;
            object[] few = new object[] { new object(), new object(), new object() };
            int c3 = FreeBytes();
            if (few == null || a - c3 != 3 * ObjectBytes + (20 + 3 * 12 + 11) / 12 * 12)
                return "3 objects in an array took " + (a - c3) + " bytes, expected " + (3 * ObjectBytes + (20 + 3 * 12 + 11) / 12 * 12);
            few = null;
            object[] one = new object[BigElements];
            int c1 = FreeBytes();
            if (one == null || a - c1 != BigBytes) return "one big array took " + (a - c1) + " bytes, expected " + BigBytes;
            return null;
        }
    }
}

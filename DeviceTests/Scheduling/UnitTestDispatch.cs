using nanoFramework.TestFramework;
using NfRt.Kernel;

namespace NfRt.DeviceTests
{
    /// <summary>Dispatch order: most urgent first, FIFO among equals, preemption at kernel calls.</summary>
    [TestClass]
    public class UnitTestDispatch
    {
        /// <summary>C (30), A (10), B (20) created in that order: they run A, B, C.</summary>
        [TestMethod]
        public void Most_urgent_ready_task_runs_first()
        {
            using (Rig r = new Rig())
            {
                r.Task("C", 30, delegate { r.Log("C"); });
                r.Task("A", 10, delegate { r.Log("A"); });
                r.Task("B", 20, delegate { r.Log("B"); });
                r.Run();
                r.AssertLog("A B C");
            }
        }
    }
}

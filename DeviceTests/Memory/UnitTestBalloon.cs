using nanoFramework.TestFramework;
using NfRt.Boards;
using NfRt.Memory;

namespace NfRt.DeviceTests
{
    /// <summary>
    /// The board's block pool, partitions and the memory balloon service on a simulated board whose pool has
    /// 16 blocks of 64 bytes. Conservation (free + partition holdings + in flight + direct = 16) is checked
    /// after every step.
    /// </summary>
    [TestClass]
    public class UnitTestBalloon
    {
        private static BoardProfile Profile()
        {
            return new BoardProfile("balloon-sim", 48000000, 1000, 32, 64 * 1024, 16 * 64, 64, true);
        }

        private static void Conserved(BlockPool pool)
        {
            Assert.IsNull(pool.CheckConservation(), "conservation");
            Assert.AreEqual(pool.BlockCount, pool.FreeCount + pool.PartitionHoldings + pool.InFlight + pool.DirectAllocated, "counted");
        }

        private static void Is(MemoryStatus expected, MemoryStatus actual, string what)
        {
            if (expected != actual) Assert.Fail(what + ": expected " + (int)expected + ", got " + (int)actual);
        }

        /// <summary>16 allocations succeed, the 17th is Exhausted; a double free and out-of-range frees are refused.</summary>
        [TestMethod]
        public void Block_pool_conserves_blocks_and_refuses_bad_frees()
        {
            BlockPool pool = BoardPool.For(new SimulatedBoard(Profile()));
            Assert.AreEqual(16, pool.BlockCount, "blocks");
            int[] got = new int[16];
            for (int i = 0; i < 16; i++) Is(MemoryStatus.Ok, pool.Allocate(out got[i]), "allocate " + i);
            int extra;
            Is(MemoryStatus.Exhausted, pool.Allocate(out extra), "17th");
            Assert.AreEqual(0, pool.FreeCount, "free");
            Is(MemoryStatus.Ok, pool.Free(got[3]), "free");
            Is(MemoryStatus.DoubleFree, pool.Free(got[3]), "double free");
            Is(MemoryStatus.OutOfRange, pool.Free(16), "block 16");
            Is(MemoryStatus.OutOfRange, pool.Free(-1), "block -1");
            Assert.AreEqual(15, pool.DirectAllocated, "direct");
            Assert.AreEqual(1, pool.DoubleFrees, "double frees counted");
            Conserved(pool);
        }

        /// <summary>A partition holding 3 blocks serves exactly 3 allocations; a block it does not hold is a foreign free.</summary>
        [TestMethod]
        public void Partition_serves_only_the_blocks_it_holds()
        {
            BlockPool pool = BoardPool.For(new SimulatedBoard(Profile()));
            Partition p = new Partition(pool, "p", 8, 4, 0, 3);
            Assert.AreEqual(3, p.Current, "holds 3");
            Assert.AreEqual(13, pool.FreeCount, "pool free");
            int a, b, c, d;
            Is(MemoryStatus.Ok, p.Allocate(out a), "1");
            Is(MemoryStatus.Ok, p.Allocate(out b), "2");
            Is(MemoryStatus.Ok, p.Allocate(out c), "3");
            Is(MemoryStatus.Exhausted, p.Allocate(out d), "4");
            int direct;
            Is(MemoryStatus.Ok, pool.Allocate(out direct), "direct");
            Is(MemoryStatus.ForeignBlock, p.Free(direct), "foreign");
            Is(MemoryStatus.Ok, p.Free(b), "free b");
            Assert.AreEqual(1, p.FreeBlocks, "one free block held");
            Assert.IsTrue(p.BadFrees >= 1, "bad free counted");
            Conserved(pool);
        }

        /// <summary>The balloon worker grows the partition to its target (8) and shrinks it back (3), one kernel run each.</summary>
        [TestMethod]
        public void Balloon_grows_and_shrinks_to_its_target()
        {
            using (Rig r = new Rig(Profile(), 32, 0))
            {
                BlockPool pool = BoardPool.For(r.Board);
                Partition p = new Partition(pool, "p", 10, 5, 0, 2);
                BalloonService svc = new BalloonService(r.K, p, new BalloonConfig());
                r.Run();
                Is(MemoryStatus.Ok, svc.SetTarget(8), "target 8");
                r.Run();
                Assert.AreEqual(8, svc.Current, "grown");
                Conserved(pool);
                Is(MemoryStatus.Ok, svc.SetTarget(3), "target 3");
                r.Run();
                Assert.AreEqual(3, svc.Current, "shrunk");
                Assert.AreEqual(13, pool.FreeCount, "returned to the pool");
                Conserved(pool);
            }
        }

        /// <summary>
        /// The host holds 12 of 16 blocks; target 8 from 0 gets only 4 and arms a retry (period 10 ticks);
        /// the host frees 4; at the retry the partition reaches 8 and the retry is disarmed.
        /// </summary>
        [TestMethod]
        public void Balloon_retries_until_the_pool_has_blocks_again()
        {
            using (Rig r = new Rig(Profile(), 32, 0))
            {
                BlockPool pool = BoardPool.For(r.Board);
                int[] host = new int[12];
                for (int i = 0; i < 12; i++) Is(MemoryStatus.Ok, pool.Allocate(out host[i]), "host " + i);
                Partition p = new Partition(pool, "p", 10, 5, 0, 0);
                BalloonConfig cfg = new BalloonConfig();
                cfg.RetryPeriod = 10;
                BalloonService svc = new BalloonService(r.K, p, cfg);
                r.Run();
                svc.SetTarget(8);
                r.Run();
                Assert.AreEqual(4, svc.Current, "short of blocks");
                Assert.IsTrue(svc.RetryArmed, "retry armed");
                for (int i = 0; i < 4; i++) Is(MemoryStatus.Ok, pool.Free(host[i]), "host frees " + i);
                r.Ticks(10);
                Assert.AreEqual(8, svc.Current, "reached the target at the retry");
                Assert.IsFalse(svc.RetryArmed, "retry disarmed");
                Conserved(pool);
            }
        }

        /// <summary>A negative target is refused (nothing changes); a target above the maximum is clamped to it.</summary>
        [TestMethod]
        public void Balloon_refuses_negative_targets_and_clamps_to_the_maximum()
        {
            using (Rig r = new Rig(Profile(), 32, 0))
            {
                BlockPool pool = BoardPool.For(r.Board);
                Partition p = new Partition(pool, "p", 10, 5, 0, 2);
                BalloonService svc = new BalloonService(r.K, p, new BalloonConfig());
                r.Run();
                Is(MemoryStatus.NegativeCount, svc.SetTarget(-1), "negative");
                Assert.AreEqual(2, svc.Target, "target unchanged");
                Is(MemoryStatus.Ok, svc.SetTarget(100), "above the maximum");
                r.Run();
                Assert.AreEqual(10, svc.EffectiveTarget, "clamped");
                Assert.AreEqual(10, svc.Current, "grown to the maximum");
                Conserved(pool);
            }
        }
    }
}

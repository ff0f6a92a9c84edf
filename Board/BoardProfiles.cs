namespace NfRt.Boards
{
    /// <summary>The boards this project knows, as data.</summary>
    public static class BoardProfiles
    {
        /// <summary>ESP32 (Xtensa LX6, 240 MHz, 520 KiB SRAM), 1 kHz tick, hardware CAS (S32C1I).</summary>
        public static readonly BoardProfile Esp32 = new BoardProfile("ESP32", 240000000, 1000, 140, 520 * 1024, 64 * 1024, 256, true);

        /// <summary>STM32F429 (Cortex-M4, 180 MHz, 256 KiB SRAM), 1 kHz tick, LDREX/STREX CAS.</summary>
        public static readonly BoardProfile Stm32 = new BoardProfile("STM32F429", 180000000, 1000, 140, 256 * 1024, 32 * 1024, 128, true);

        /// <summary>STM32F091 (Cortex-M0, 48 MHz, 32 KiB SRAM): no CAS instruction, the kernel masks interrupts instead.</summary>
        public static readonly BoardProfile Stm32M0 = new BoardProfile("STM32F091", 48000000, 1000, 32, 32 * 1024, 8 * 1024, 64, false);

        /// <summary>Finds a profile by name (case-sensitive: ESP32, STM32F429, STM32F091); null if unknown.</summary>
        /// <param name="name">The profile name, e.g. "ESP32".</param>
        /// <returns>The matching profile, or null when no profile has that name.</returns>
        public static BoardProfile Find(string name)
        {
            if (name == Esp32.Name) return Esp32;
            if (name == Stm32.Name) return Stm32;
            if (name == Stm32M0.Name) return Stm32M0;
            return null;
        }
    }
}

// Runs a libFuzzer entry point without libFuzzer: every file named on the command line (or
// in a folder named there), then a fixed number of pseudo-random inputs from a fixed seed.
// The regular build compiles the harnesses with it and CTest runs them, so a harness that
// no longer compiles or an input that crashes shows up in every build, not only in CI's
// fuzz stage (libFuzzer itself needs clang).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

std::size_t replayFile(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    const std::vector<char> bytes((std::istreambuf_iterator<char>(in)),
                                  std::istreambuf_iterator<char>());
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
    return 1;
}

} // namespace

int main(int argc, char** argv)
{
    std::size_t files = 0;
    for (int i = 1; i < argc; ++i) {
        const std::filesystem::path path(argv[i]);
        if (std::filesystem::is_directory(path)) {
            for (const auto& entry : std::filesystem::directory_iterator(path))
                if (entry.is_regular_file())
                    files += replayFile(entry.path());
        } else {
            files += replayFile(path);
        }
    }
    // Random inputs reach the harness's own choices (designs, steps) that files may not.
    std::mt19937_64 random(20261202);
    constexpr int kRandomInputs = 200;
    for (int i = 0; i < kRandomInputs; ++i) {
        std::vector<std::uint8_t> bytes(random() % 257);
        for (std::uint8_t& b : bytes)
            b = static_cast<std::uint8_t>(random());
        LLVMFuzzerTestOneInput(bytes.data(), bytes.size());
    }
    std::printf("fuzz replay: %zu files and %d random inputs, no crash\n", files, kRandomInputs);
    return EXIT_SUCCESS;
}

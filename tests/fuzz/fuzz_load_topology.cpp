// libFuzzer entry: any bytes through load + validate + save must neither crash nor hang,
// and whatever loads cleanly must survive a save/load round trip unchanged.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/io/TopologyJson.h"
#include "core/validation/Validator.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace scalelab::core;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    LoadResult loaded = loadTopology(text);
    if (!loaded.topology)
        return 0;
    const Diagnostics problems = validate(*loaded.topology);
    if (!loaded.ok() || hasErrors(problems))
        return 0;
    const LoadResult again = loadTopology(saveTopology(*loaded.topology));
    if (!again.ok() || !(*again.topology == *loaded.topology))
        std::abort(); // a valid document must round-trip exactly
    (void)loadFragment(text);
    return 0;
}

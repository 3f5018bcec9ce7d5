#include "gui/app/Logging.h"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace scalelab::gui {

bool configureLogging(const std::string& level)
{
    const auto parsed = spdlog::level::from_str(level);
    // from_str answers "off" for anything it does not know; only accept a real "off".
    if (parsed == spdlog::level::off && level != "off")
        return false;
    static auto logger = [] {
        auto l = spdlog::stderr_color_mt("scalelab");
        l->set_pattern("[%H:%M:%S.%e] [%^%l%$] %v");
        spdlog::set_default_logger(l);
        return l;
    }();
    logger->set_level(parsed);
    return true;
}

} // namespace scalelab::gui

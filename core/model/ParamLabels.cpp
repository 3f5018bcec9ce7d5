#include "core/model/ParamLabels.h"

#include <cctype>
#include <utility>

namespace scalelab::core {

namespace {
// Keys whose spelled-out form reads badly (a unit suffix, an abbreviation, a verb).
constexpr std::pair<std::string_view, std::string_view> kLabels[] = {
    {"arrival", "Arrivals"},
    {"boot_s", "Boot time"},
    {"capacity_keys", "Capacity (keys)"},
    {"cooldown_s", "Cooldown"},
    {"detect_s", "Detection time"},
    {"dns_lookup_ratio", "DNS lookup ratio"},
    {"dns_ttl_s", "DNS TTL"},
    {"evaluate_s", "Evaluation interval"},
    {"health_check_interval_s", "Health check interval"},
    {"lag_ms", "Replication lag"},
    {"latency_ms", "Latency"},
    {"login_ms", "Login time"},
    {"promote_s", "Promotion time"},
    {"rate_rps", "Request rate"},
    {"read_ms", "Read time"},
    {"retry_backoff_ms", "Retry backoff"},
    {"service_cv", "Service variability (CV)"},
    {"service_dist", "Service distribution"},
    {"service_ms", "Service time"},
    {"timeout_ms", "Timeout"},
    {"ttl_s", "TTL"},
    {"write_ms", "Write time"},
};
} // namespace

std::string paramLabel(std::string_view name)
{
    for (const auto& [key, label] : kLabels)
        if (key == name)
            return std::string(label);
    std::string out(name);
    for (char& c : out)
        if (c == '_')
            c = ' ';
    if (!out.empty())
        out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
    return out;
}

} // namespace scalelab::core

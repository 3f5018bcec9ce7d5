#include "core/experiment/RunFigures.h"

#include <cmath>
#include <limits>

#include <nlohmann/json.hpp>

namespace scalelab::core::experiment {

namespace {

constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

} // namespace

// RFC 6901 escaping, so a node id with '/' or '~' still names one key.
std::string pointerToken(const std::string& key)
{
    std::string out;
    for (const char c : key) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

namespace {

std::vector<std::string> splitPointer(const std::string& pointer)
{
    std::vector<std::string> tokens;
    std::string token;
    for (std::size_t i = 1; i <= pointer.size(); ++i) {
        if (i == pointer.size() || pointer[i] == '/') {
            tokens.push_back(token);
            token.clear();
        } else if (pointer[i] == '~' && i + 1 < pointer.size()) {
            token += pointer[i + 1] == '1' ? '/' : '~';
            ++i;
        } else {
            token += pointer[i];
        }
    }
    return tokens;
}

void collect(const nlohmann::ordered_json& value, const std::string& path, RunFigures& out)
{
    if (value.is_object()) {
        for (const auto& [key, child] : value.items()) {
            // Not figures of the design: the seed, wall-clock engine figures (they would
            // make outputs depend on the machine), and a run's own batch-means intervals.
            if (path.empty() && (key == "engine" || key == "seed" || key == "ci95"))
                continue;
            collect(child, path + "/" + pointerToken(key), out);
        }
    } else if (value.is_number()) {
        out.values.emplace_back(path, value.get<double>());
    } else if (value.is_null()) {
        out.values.emplace_back(path, kMissing);
    }
    // Arrays (events, time series, goals) and text are not figures of a run.
}

} // namespace

double RunFigures::at(const std::string& pointer) const
{
    for (const auto& [key, v] : values)
        if (key == pointer)
            return v;
    return kMissing;
}

bool RunFigures::has(const std::string& pointer) const
{
    for (const auto& entry : values)
        if (entry.first == pointer)
            return true;
    return false;
}

RunFigures figuresOf(const nlohmann::ordered_json& results)
{
    RunFigures out;
    collect(results, "", out);
    return out;
}

nlohmann::ordered_json unflatten(const std::vector<std::pair<std::string, double>>& values)
{
    nlohmann::ordered_json root = nlohmann::ordered_json::object();
    for (const auto& [pointer, v] : values) {
        nlohmann::ordered_json* at = &root;
        for (const std::string& token : splitPointer(pointer)) {
            if (!at->is_object())
                *at = nlohmann::ordered_json::object();
            at = &(*at)[token];
        }
        if (std::isfinite(v))
            *at = v;
        else
            *at = nullptr;
    }
    return root;
}

} // namespace scalelab::core::experiment

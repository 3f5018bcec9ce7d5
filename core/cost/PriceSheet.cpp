#include "core/cost/PriceSheet.h"

#include <cmath>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/io/JsonDepth.h"
#include "core/model/KindRegistry.h"
#include "core/util/NearestName.h"

namespace scalelab::core {

namespace price_sheet_detail {

void error(PriceSheetLoad& out, std::string path, std::string message)
{
    out.diagnostics.push_back({Severity::Error, std::move(path), std::move(message), {}});
}

std::optional<nlohmann::json> parse(std::string_view text, PriceSheetLoad& out)
{
    if (auto depth = findExcessiveNesting(text, 16)) {
        error(out, "",
              fmt::format("nesting too deep at line {}, column {}", depth->line, depth->column));
        return std::nullopt;
    }
    try {
        return nlohmann::json::parse(text.begin(), text.end());
    } catch (const nlohmann::json::parse_error& e) {
        const TextPosition where = positionOfByte(text, e.byte == 0 ? 0 : e.byte - 1);
        std::string what = e.what();
        if (auto colon = what.find(": "); colon != std::string::npos)
            what = what.substr(colon + 2);
        error(
            out, "",
            fmt::format("syntax error at line {}, column {}: {}", where.line, where.column, what));
    }
    return std::nullopt;
}

} // namespace price_sheet_detail

PriceSheetLoad loadPriceSheet(std::string_view text)
{
    using price_sheet_detail::error;
    PriceSheetLoad out;
    const std::optional<nlohmann::json> root = price_sheet_detail::parse(text, out);
    if (!root)
        return out;
    if (!root->is_object()) {
        error(out, "", "a price sheet is a JSON object");
        return out;
    }
    PriceSheet sheet;
    const std::vector<std::string> known{"format", "name", "currency", "cost_per_hour"};
    for (const auto& [key, value] : root->items()) {
        if (key == "format") {
            if (!value.is_string() || value.get<std::string>() != kPriceSheetFormat)
                error(out, "/format", fmt::format("must be \"{}\"", kPriceSheetFormat));
        } else if (key == "name" || key == "currency") {
            if (!value.is_string())
                error(out, "/" + key, "must be a string");
            else
                (key == "name" ? sheet.name : sheet.currency) = value.get<std::string>();
        } else if (key != "cost_per_hour") {
            error(out, "/" + key, fmt::format("unknown key '{}'{}", key, didYouMean(key, known)));
        }
    }
    const auto prices = root->find("cost_per_hour");
    if (prices == root->end() || !prices->is_object()) {
        error(out, "/cost_per_hour", "must be an object of kind -> USD per instance-hour");
        return out;
    }
    const std::vector<std::string> kinds = KindRegistry::instance().kindNames();
    for (const auto& [kind, value] : prices->items()) {
        const std::string path = "/cost_per_hour/" + kind;
        if (!KindRegistry::instance().find(kind)) {
            error(out, path, fmt::format("unknown kind '{}'{}", kind, didYouMean(kind, kinds)));
            continue;
        }
        if (!value.is_number() || !std::isfinite(value.get<double>()) || value.get<double>() < 0) {
            error(out, path, fmt::format("must be a number >= 0, got {}", value.dump()));
            continue;
        }
        sheet.costPerHour[kind] = value.get<double>();
    }
    if (!hasErrors(out.diagnostics))
        out.sheet = std::move(sheet);
    return out;
}

PriceSheetLoad loadPriceSheetFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        PriceSheetLoad out;
        price_sheet_detail::error(
            out, "", fmt::format("cannot open {}: no such file or not readable", path));
        return out;
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return loadPriceSheet(buffer.str());
}

void applyPrices(Topology& topology, const PriceSheet& sheet)
{
    for (Node& node : topology.nodes) {
        const auto price = sheet.costPerHour.find(node.kind.str());
        if (price != sheet.costPerHour.end() && !node.params.contains("cost_per_hour"))
            node.params["cost_per_hour"] = price->second;
    }
}

} // namespace scalelab::core

#include "core/experiment/SweepJsonWriter.h"

#include <stdexcept>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace scalelab::core::experiment {

namespace sweep_json_detail {
// A header dumps as "{...\n}"; the document goes on where its "\n}" is.
constexpr std::string_view kClose = "\n}";
constexpr std::string_view kPointsKey = ",\n  \"points\": ";
// A point is an element of "points", two levels deep: four spaces more on every line.
constexpr std::string_view kPointIndent = "    ";
} // namespace sweep_json_detail

void SweepJsonWriter::begin(const nlohmann::ordered_json& header)
{
    using namespace sweep_json_detail;
    if (!header.is_object() || header.empty() || header.contains("points"))
        throw std::logic_error("a sweep header is a JSON object without points");
    // "{\n  ...\n  \"seed\": 17\n}": the members, then "points" as the last one.
    const std::string text = header.dump(2);
    m_out.write(text.data(), static_cast<std::streamsize>(text.size() - kClose.size()));
    m_out << kPointsKey;
    m_points = 0;
}

void SweepJsonWriter::point(std::size_t, const nlohmann::ordered_json& summary)
{
    using namespace sweep_json_detail;
    m_out << (m_points++ == 0 ? "[\n" : ",\n") << kPointIndent;
    // JSON text has raw newlines only between its lines (a string's are escaped).
    const std::string text = summary.dump(2);
    std::size_t from = 0;
    for (std::size_t nl = text.find('\n'); nl != std::string::npos; nl = text.find('\n', from)) {
        m_out.write(text.data() + from, static_cast<std::streamsize>(nl + 1 - from));
        m_out << kPointIndent;
        from = nl + 1;
    }
    m_out.write(text.data() + from, static_cast<std::streamsize>(text.size() - from));
}

void SweepJsonWriter::end()
{
    m_out << (m_points == 0 ? "[]\n}" : "\n  ]\n}");
}

} // namespace scalelab::core::experiment

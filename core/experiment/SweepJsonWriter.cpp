#include "core/experiment/SweepJsonWriter.h"

#include <stdexcept>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace scalelab::core::experiment {

namespace sweep_json_detail {
// dump(2) of the document ends with its "points" member; a header with points null dumps
// as the same text up to there.
constexpr std::string_view kNullTail = "null\n}";
// A point is an element of "points", two levels deep: four spaces more on every line.
constexpr std::string_view kPointIndent = "    ";
} // namespace sweep_json_detail

void SweepJsonWriter::begin(const nlohmann::ordered_json& header)
{
    using namespace sweep_json_detail;
    nlohmann::ordered_json h = header;
    h.erase("points");
    h["points"] = nullptr;
    const std::string text = h.dump(2);
    if (text.size() < kNullTail.size() ||
        text.compare(text.size() - kNullTail.size(), kNullTail.size(), kNullTail) != 0)
        throw std::logic_error("a sweep header must be a JSON object");
    m_out.write(text.data(), static_cast<std::streamsize>(text.size() - kNullTail.size()));
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

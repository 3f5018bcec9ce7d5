#include "core/experiment/SweepCsvWriter.h"

#include <string_view>

#include <nlohmann/json.hpp>

#include "core/experiment/Sweep.h"

namespace scalelab::core::experiment {

namespace sweep_csv_detail {

// CSV text of a JSON number (shortest round-trip form), or empty for null.
std::string csvNumber(const nlohmann::ordered_json& v)
{
    return v.is_number() ? v.dump() : std::string();
}

// CSV text of a string from the design (node ids, choices, errors): quoted when needed, and
// a leading = + - @ tab or CR gets a ' before it, so a spreadsheet shows the text rather
// than running it as a formula (OWASP's advice on CSV injection).
std::string csvText(const nlohmann::ordered_json& v)
{
    if (!v.is_string())
        return v.dump();
    std::string s = v.get<std::string>();
    if (!s.empty() && std::string_view("=+-@\t\r").find(s.front()) != std::string_view::npos)
        s.insert(0, 1, '\'');
    if (s.find_first_of(",\"\n\r") == std::string::npos)
        return s;
    std::string quoted = "\"";
    for (char c : s)
        quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
}

} // namespace sweep_csv_detail

void SweepCsvWriter::begin(const nlohmann::ordered_json& header)
{
    m_axes.clear();
    for (const auto& a : header.at("vary"))
        m_axes.push_back(a.at("node").get<std::string>() + "." + a.at("param").get<std::string>());
    m_present.assign(sweepFigures().size(), false);
}

void SweepCsvWriter::point(std::size_t, const nlohmann::ordered_json& summary)
{
    for (std::size_t f = 0; f < m_present.size(); ++f)
        if (!m_present[f])
            m_present[f] =
                summary.contains(nlohmann::ordered_json::json_pointer(sweepFigures()[f]));
    // Numbers dump in their shortest round-trip form and parse back to the same double, so
    // the row made from the text read back is the row the point itself would give.
    m_spill.append(summary.dump());
}

void SweepCsvWriter::end()
{
    using sweep_csv_detail::csvNumber;
    using sweep_csv_detail::csvText;
    std::vector<std::string> figures;
    for (std::size_t f = 0; f < m_present.size(); ++f)
        if (m_present[f])
            figures.push_back(sweepFigures()[f]);
    std::string line;
    for (const std::string& a : m_axes)
        line += csvText(a) + ",";
    for (const std::string& f : figures) {
        std::string name = f.substr(1);
        for (char& c : name)
            if (c == '/')
                c = '.';
        line += name + "," + name + "_ci95,";
    }
    line += "error\n";
    m_out << line;
    m_spill.forEach([&](const std::string& record) {
        const auto p = nlohmann::ordered_json::parse(record);
        line.clear();
        for (const std::string& a : m_axes)
            line += csvText(p.at("values").at(a)) + ",";
        for (const std::string& f : figures) {
            const nlohmann::ordered_json::json_pointer ptr(f);
            line += (p.contains(ptr) ? csvNumber(p.at(ptr)) : std::string()) + ",";
            const nlohmann::ordered_json::json_pointer ci("/ci95" + f);
            line += (p.contains(ci) ? csvNumber(p.at(ci)) : std::string()) + ",";
        }
        line += p.contains("error") ? csvText(p.at("error")) : std::string();
        line += "\n";
        m_out << line;
    });
}

} // namespace scalelab::core::experiment

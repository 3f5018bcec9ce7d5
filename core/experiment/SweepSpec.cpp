#include "core/experiment/SweepSpec.h"

#include <charconv>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/model/KindSpec.h"
#include "core/util/NearestName.h"

namespace scalelab::core::experiment {

namespace sweep_spec_detail {

[[noreturn]] void fail(const std::string& text, const std::string& why)
{
    throw std::invalid_argument(fmt::format("--vary {}: {}", text, why));
}

// '*' matches any run of characters; everything else itself.
bool matches(std::string_view pattern, std::string_view id)
{
    if (pattern.empty())
        return id.empty();
    if (pattern.front() == '*')
        return matches(pattern.substr(1), id) || (!id.empty() && matches(pattern, id.substr(1)));
    return !id.empty() && pattern.front() == id.front() && matches(pattern.substr(1), id.substr(1));
}

std::vector<std::string> split(const std::string& s, char sep)
{
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= s.size(); ++i)
        if (i == s.size() || s[i] == sep) {
            parts.push_back(s.substr(start, i - start));
            start = i + 1;
        }
    return parts;
}

std::optional<double> number(const std::string& s)
{
    double v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v))
        return std::nullopt;
    return v;
}

ParamValue typed(const std::string& text, const std::string& word, const ParamSpec& spec)
{
    switch (spec.type) {
    case ParamType::Choice:
    case ParamType::Text: // a site name: check() below says whether it is one
        return word;
    case ParamType::Boolean:
        if (word == "true")
            return true;
        if (word == "false")
            return false;
        fail(text, fmt::format("'{}' is not true or false", word));
    case ParamType::Integer: {
        const auto v = number(word);
        if (!v || std::floor(*v) != *v || std::abs(*v) > 9e15)
            fail(text, fmt::format("'{}' is not an integer ({} is)", word, spec.name));
        return static_cast<std::int64_t>(*v);
    }
    case ParamType::Real: {
        const auto v = number(word);
        if (!v)
            fail(text, fmt::format("'{}' is not a number", word));
        return *v;
    }
    }
    fail(text, "unsupported parameter type");
}

std::vector<ParamValue> rangeValues(const std::string& text, const std::vector<std::string>& parts,
                                    const ParamSpec& spec)
{
    if (spec.type != ParamType::Integer && spec.type != ParamType::Real)
        fail(text, fmt::format("{} is not a number: list its values (V1,V2,...)", spec.name));
    const auto from = number(parts[0]);
    const auto to = number(parts[1]);
    const auto step = parts.size() == 3 ? number(parts[2]) : std::optional<double>(1.0);
    if (!from || !to || !step)
        fail(text, "FROM:TO:STEP needs three numbers");
    if (!(*step > 0))
        fail(text, "STEP must be > 0");
    if (*to < *from)
        fail(text, "TO must not be below FROM");
    if (spec.type == ParamType::Integer &&
        (std::floor(*from) != *from || std::floor(*step) != *step))
        fail(text, fmt::format("{} is an integer: FROM and STEP must be integers", spec.name));
    const double count = std::floor((*to - *from) / *step + 1e-9) + 1;
    if (count > static_cast<double>(SweepDesign::kMaxPoints))
        fail(text,
             fmt::format("{:g} values is too many (at most {})", count, SweepDesign::kMaxPoints));
    std::vector<ParamValue> values;
    for (std::size_t i = 0; i < static_cast<std::size_t>(count); ++i) {
        // from + i*step, not repeated additions: 0.1 steps stay exact where they can.
        const double v = *from + static_cast<double>(i) * *step;
        if (spec.type == ParamType::Integer)
            values.emplace_back(static_cast<std::int64_t>(std::llround(v)));
        else
            values.emplace_back(v);
    }
    return values;
}

} // namespace sweep_spec_detail

SweepAxis parseVary(const std::string& text, const Topology& topology, bool requireStep)
{
    using namespace sweep_spec_detail;
    const std::size_t eq = text.find('=');
    if (eq == std::string::npos)
        fail(text, "expected NODE.PARAM=FROM:TO:STEP or NODE.PARAM=V1,V2,...");
    const std::string target = text.substr(0, eq);
    const std::string spec = text.substr(eq + 1);
    const std::size_t dot = target.rfind('.');
    if (dot == std::string::npos || dot == 0 || dot + 1 == target.size())
        fail(text, "expected NODE.PARAM before '='");

    SweepAxis axis;
    axis.node = target.substr(0, dot);
    axis.param = target.substr(dot + 1);
    std::vector<std::string> ids;
    for (const Node& n : topology.nodes) {
        ids.push_back(n.id.str());
        if (matches(axis.node, n.id.str()))
            axis.nodes.push_back(n.id);
    }
    if (axis.nodes.empty())
        fail(text, fmt::format("no node '{}'{}", axis.node, didYouMean(axis.node, ids)));

    const ParamSpec* paramSpec = nullptr;
    for (const NodeId& id : axis.nodes) {
        const KindSpec* kind = topology.findNode(id)->spec();
        const ParamSpec* p = kind ? kind->param(axis.param) : nullptr;
        if (!p)
            fail(text,
                 fmt::format("a {} has no parameter '{}'{}", kind ? kind->id : "node", axis.param,
                             kind ? didYouMean(axis.param, kind->paramNames()) : ""));
        if (paramSpec && p->type != paramSpec->type)
            fail(text,
                 fmt::format("'{}' matches nodes whose {} differ in type", axis.node, axis.param));
        paramSpec = p;
    }

    const std::vector<std::string> range = split(spec, ':');
    if (range.size() == 3 || (!requireStep && range.size() == 2)) {
        axis.values = rangeValues(text, range, *paramSpec);
    } else if (range.size() == 1 && !spec.empty()) {
        for (const std::string& word : split(spec, ','))
            axis.values.push_back(typed(text, word, *paramSpec));
    } else {
        fail(text, requireStep ? "expected FROM:TO:STEP or V1,V2,..."
                               : "expected FROM:TO, FROM:TO:STEP or V1,V2,...");
    }
    for (const ParamValue& v : axis.values)
        if (auto problem = paramSpec->check(v))
            fail(text, *problem);
    return axis;
}

SweepDesign::SweepDesign(const Topology& base, std::vector<SweepAxis> axes)
    : m_base(base), m_axes(std::move(axes))
{
    for (const SweepAxis& a : m_axes) {
        if (a.values.empty() || m_points * a.values.size() > kMaxPoints)
            throw std::invalid_argument(
                fmt::format("the sweep has more than {} points", kMaxPoints));
        m_points *= a.values.size();
    }
}

std::vector<std::size_t> SweepDesign::indices(std::size_t point) const
{
    std::vector<std::size_t> out(m_axes.size());
    for (std::size_t i = m_axes.size(); i-- > 0;) {
        out[i] = point % m_axes[i].values.size();
        point /= m_axes[i].values.size();
    }
    return out;
}

Topology SweepDesign::topology(std::size_t point) const
{
    Topology t = m_base;
    const std::vector<std::size_t> at = indices(point);
    for (std::size_t i = 0; i < m_axes.size(); ++i)
        for (const NodeId& id : m_axes[i].nodes)
            t.findNode(id)->params[m_axes[i].param] = m_axes[i].values[at[i]];
    return t;
}

nlohmann::ordered_json SweepDesign::values(std::size_t point) const
{
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    const std::vector<std::size_t> at = indices(point);
    for (std::size_t i = 0; i < m_axes.size(); ++i)
        out[m_axes[i].key()] = valueJson(m_axes[i].values[at[i]]);
    return out;
}

nlohmann::ordered_json valueJson(const ParamValue& value)
{
    return std::visit([](const auto& v) { return nlohmann::ordered_json(v); }, value);
}

} // namespace scalelab::core::experiment

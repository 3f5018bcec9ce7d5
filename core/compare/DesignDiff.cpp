#include "core/compare/DesignDiff.h"

#include <algorithm>
#include <iomanip>
#include <set>
#include <sstream>

#include "core/io/TopologyJson.h"

namespace scalelab::core::compare {

namespace {
std::string shown(const nlohmann::json& value)
{
    if (value.is_null())
        return "-";
    if (value.is_string())
        return value.get<std::string>();
    if (value.is_number_float()) {
        // 400.0 reads as 400; other numbers keep what they need and no more.
        std::ostringstream out;
        out << std::setprecision(10) << value.get<double>();
        return out.str();
    }
    return value.dump();
}

std::string linkName(const nlohmann::json& link)
{
    return link.value("from", std::string()) + " -> " + link.value("to", std::string());
}

/// Field-by-field differences of two JSON objects (one level; nested objects compared whole).
void diffObjects(const std::string& where, const nlohmann::json& a, const nlohmann::json& b,
                 const std::set<std::string>& skip, std::vector<Difference>& out)
{
    std::vector<std::string> keys;
    for (const auto* side : {&a, &b})
        if (side->is_object())
            for (const auto& item : side->items())
                if (!skip.count(item.key()) &&
                    std::find(keys.begin(), keys.end(), item.key()) == keys.end())
                    keys.push_back(item.key());
    for (const std::string& key : keys) {
        const nlohmann::json va = a.is_object() && a.contains(key) ? a[key] : nlohmann::json();
        const nlohmann::json vb = b.is_object() && b.contains(key) ? b[key] : nlohmann::json();
        if (va != vb)
            out.push_back({where, key, shown(va), shown(vb)});
    }
}

void diffNodes(const Topology& a, const Topology& b, DesignDiff& diff)
{
    for (const Node& n : a.nodes)
        if (!b.findNode(n.id))
            diff.nodesOnlyInA.push_back(n.id.str() + " (" + n.kind.str() + ")");
    for (const Node& n : b.nodes) {
        const Node* old = a.findNode(n.id);
        if (!old) {
            diff.nodesOnlyInB.push_back(n.id.str() + " (" + n.kind.str() + ")");
            continue;
        }
        if (old->kind != n.kind) {
            diff.changes.push_back({n.id.str(), "kind", old->kind.str(), n.kind.str()});
            continue;
        }
        // Values in effect, in the registry's order: an explicit default is no change.
        const KindSpec* spec = n.spec();
        if (!spec)
            continue;
        for (const std::string& name : spec->paramNames()) {
            const ParamValue va = old->param(name);
            const ParamValue vb = n.param(name);
            if (!(va == vb))
                diff.changes.push_back(
                    {n.id.str(), name, toDisplayString(va), toDisplayString(vb)});
        }
    }
}

void diffLinks(const nlohmann::json& a, const nlohmann::json& b, DesignDiff& diff)
{
    const auto find = [](const nlohmann::json& links, const nlohmann::json& link) {
        for (const auto& l : links)
            if (l.value("from", std::string()) == link.value("from", std::string()) &&
                l.value("to", std::string()) == link.value("to", std::string()))
                return &l;
        return static_cast<const nlohmann::json*>(nullptr);
    };
    for (const auto& l : a)
        if (!find(b, l))
            diff.linksOnlyInA.push_back(linkName(l));
    for (const auto& l : b) {
        const nlohmann::json* old = find(a, l);
        if (!old)
            diff.linksOnlyInB.push_back(linkName(l));
        else
            diffObjects(linkName(l), *old, l, {"from", "to"}, diff.changes);
    }
}
} // namespace

bool DesignDiff::empty() const
{
    return nodesOnlyInA.empty() && nodesOnlyInB.empty() && linksOnlyInA.empty() &&
           linksOnlyInB.empty() && changes.empty();
}

DesignDiff diffDesigns(const Topology& a, const Topology& b)
{
    DesignDiff diff;
    diffNodes(a, b, diff);
    // Links, settings, goals and the scenario as the file format writes them: every field
    // the format has, without listing them here.
    const nlohmann::json ja = nlohmann::json::parse(saveTopology(a));
    const nlohmann::json jb = nlohmann::json::parse(saveTopology(b));
    diffLinks(ja.value("links", nlohmann::json::array()),
              jb.value("links", nlohmann::json::array()), diff);
    for (const char* section : {"simulation", "goals"})
        diffObjects(section, ja.value(section, nlohmann::json::object()),
                    jb.value(section, nlohmann::json::object()), {}, diff.changes);
    const nlohmann::json sa = ja.value("scenario", nlohmann::json::array());
    const nlohmann::json sb = jb.value("scenario", nlohmann::json::array());
    if (sa != sb)
        diff.changes.push_back({"scenario", "actions", std::to_string(sa.size()) + " actions",
                                std::to_string(sb.size()) + " actions (different)"});
    return diff;
}

nlohmann::ordered_json toJson(const DesignDiff& diff)
{
    nlohmann::ordered_json doc;
    doc["nodes_only_in_a"] = diff.nodesOnlyInA;
    doc["nodes_only_in_b"] = diff.nodesOnlyInB;
    doc["links_only_in_a"] = diff.linksOnlyInA;
    doc["links_only_in_b"] = diff.linksOnlyInB;
    doc["changes"] = nlohmann::ordered_json::array();
    for (const Difference& d : diff.changes)
        doc["changes"].push_back({{"where", d.where}, {"what", d.what}, {"a", d.a}, {"b", d.b}});
    return doc;
}

} // namespace scalelab::core::compare

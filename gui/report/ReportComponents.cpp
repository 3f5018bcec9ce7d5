#include <algorithm>
#include <vector>

#include "core/model/KindRegistry.h"
#include "gui/report/ReportBuilder.h"
#include "gui/util/SafeText.h"

namespace scalelab::gui {

namespace components_detail {

QString compH(const std::string& s)
{
    return markupText(QString::fromStdString(s));
}

QString compValueWithUnit(const core::ParamValue& value, const core::ParamSpec& spec)
{
    QString text = compH(core::toDisplayString(value));
    if (!spec.unit.empty() && spec.type != core::ParamType::Choice &&
        spec.type != core::ParamType::Boolean)
        text += QStringLiteral(" ") + compH(spec.unit);
    return text;
}

const char* kCompTable = "<table class=\"grid\" border=\"1\" cellspacing=\"0\" cellpadding=\"4\" "
                         "width=\"100%\">\n";

// A node as the canvas names it (links and scenario rows; the sections above give the ids).
std::string compNodeName(const core::Topology& topology, const core::NodeId& id)
{
    const core::Node* node = topology.findNode(id);
    return node ? node->displayName() : id.str();
}
} // namespace components_detail

using namespace components_detail;

QString componentsHtml(const core::Topology& topology)
{
    QString out = QStringLiteral("<p class=\"note\">Every parameter in effect; values set in the "
                                 "file are in bold, the others are the defaults.</p>\n");
    // Nodes of one kind with the same parameters (eight identical web servers) share one
    // table: the appendix stays short and the differences stand out.
    std::vector<std::vector<const core::Node*>> groups;
    for (const core::Node& node : topology.nodes) {
        auto same = std::find_if(groups.begin(), groups.end(), [&](const auto& g) {
            return g.front()->kind == node.kind && g.front()->params == node.params;
        });
        if (same == groups.end())
            groups.push_back({&node});
        else
            same->push_back(&node);
    }
    for (const auto& group : groups) {
        const core::Node& node = *group.front();
        const core::KindSpec* spec = node.spec();
        QStringList names, ids;
        for (const core::Node* n : group) {
            names << compH(n->displayName());
            ids << QStringLiteral("<i>%1</i>").arg(compH(n->id.str()));
        }
        QString title = names.join(QStringLiteral(", "));
        if (group.size() > 3)
            title = QStringLiteral("%1 &#8230; %2 (%3 alike)")
                        .arg(names.front(), names.back())
                        .arg(group.size());
        out += QStringLiteral("<h3>%1 &#8212; %2</h3>\n")
                   .arg(title, spec ? compH(spec->displayName) : compH(node.kind.str()));
        if (!spec)
            continue;
        out += QStringLiteral("<p class=\"note\">%1 (%2 %3)</p>\n")
                   .arg(compH(spec->help),
                        group.size() > 1 ? QStringLiteral("ids") : QStringLiteral("id"),
                        ids.join(QStringLiteral(", ")));
        out += QString::fromLatin1(kCompTable);
        out += QStringLiteral(
            "<thead><tr><th width=\"27%\">parameter</th><th width=\"17%\" align=\"right\" "
            "class=\"n\">value</th><th>meaning</th></tr></thead>\n");
        for (const core::ParamSpec& p : spec->params) {
            const bool set = node.params.count(p.name) > 0;
            const QString value = compValueWithUnit(node.param(p.name), p);
            out +=
                QStringLiteral(
                    "<tr><td>%1</td><td align=\"right\" class=\"n\">%2</td><td>%3</td></tr>\n")
                    .arg(compH(p.name),
                         set ? QStringLiteral("<b>%1</b>").arg(value)
                             : QStringLiteral("<span style=\"color:#777777\">%1</span>").arg(value),
                         compH(p.help));
        }
        if (node.spec() && node.spec()->param("read_ms")) { // per-class service times
            const core::EngineProfile engine = core::engineProfile(node.text("engine"));
            out += QStringLiteral("<tr><td><i>effective read / write</i></td><td align=\"right\" "
                                  "class=\"n\">%1 / %2 ms</td><td>after the engine factor (x%3 / "
                                  "x%4) and speed</td></tr>\n")
                       .arg(reportMs(node.number("read_ms") * engine.readFactor /
                                     node.number("speed")),
                            reportMs(node.number("write_ms") * engine.writeFactor /
                                     node.number("speed")))
                       .arg(engine.readFactor)
                       .arg(engine.writeFactor);
        }
        out += QStringLiteral("</table>\n");
    }

    out += QStringLiteral("<h3>Links</h3>\n");
    if (topology.links.empty())
        return out + QStringLiteral("<p>No links.</p>\n");
    out += QString::fromLatin1(kCompTable);
    out += QStringLiteral("<thead><tr><th>from</th><th>to</th><th>kind</th><th align=\"right\" "
                          "class=\"n\">latency (one way)</th><th align=\"right\" "
                          "class=\"n\">weight / lag</th></tr></thead>\n");
    for (const core::Link& l : topology.links) {
        const bool replication = l.kind == core::LinkKind::Replication;
        out +=
            QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td align=\"right\" "
                           "class=\"n\">%4 ms</td><td align=\"right\" class=\"n\">%5</td></tr>\n")
                .arg(compH(compNodeName(topology, l.from)), compH(compNodeName(topology, l.to)),
                     replication ? QStringLiteral("replication") : QStringLiteral("request"),
                     reportMs(l.latencyMs()),
                     replication ? QStringLiteral("lag %1 ms").arg(reportMs(l.lagMs()))
                                 : QStringLiteral("weight %1").arg(l.weight()));
    }
    out += QStringLiteral("</table>\n");
    return out;
}

QString scenarioHtml(const core::Topology& topology)
{
    if (topology.scenario.empty())
        return QStringLiteral(
            "<p>No scripted events: the load stays as drawn for the whole run.</p>\n");
    QString out = QString::fromLatin1(kCompTable);
    out += QStringLiteral(
        "<thead><tr><th align=\"right\" class=\"n\" width=\"12%\">at (s)</th><th>action</th>"
        "<th>node / site</th><th>change</th></tr></thead>\n");
    for (const auto& a : topology.scenario) {
        QString change;
        if (a.action == core::ActionType::Set)
            change = QStringLiteral("%1 = %2").arg(compH(a.param),
                                                   compH(core::toDisplayString(a.value)));
        out += QStringLiteral("<tr><td align=\"right\" class=\"n\">%1</td><td>%2</td><td>%3</td>"
                              "<td>%4</td></tr>\n")
                   .arg(reportNumber(a.atS, 1), compH(std::string(core::toString(a.action))),
                        compH(core::isSiteAction(a.action) ? "site " + a.site
                                                           : compNodeName(topology, a.node)),
                        change);
    }
    out += QStringLiteral("</table>\n");
    return out;
}

} // namespace scalelab::gui

#include "gui/report/ReportHelpers.h"

#include <cmath>

#include "gui/report/ReportBuilder.h"
#include "gui/util/SafeText.h"

namespace scalelab::gui::report_detail {

double repNum(const RJson& j, const char* key)
{
    if (!j.is_object())
        return kRepNaN;
    auto it = j.find(key);
    return it != j.end() && it->is_number() ? it->get<double>() : kRepNaN;
}

const RJson& repSub(const RJson& j, const char* key)
{
    static const RJson empty = RJson::object();
    if (!j.is_object())
        return empty;
    auto it = j.find(key);
    return it != j.end() && it->is_object() ? *it : empty;
}

std::vector<double> repSeries(const RJson& j, const char* key)
{
    std::vector<double> out;
    if (!j.is_object() || !j.contains(key) || !j[key].is_array())
        return out;
    for (const auto& v : j[key])
        out.push_back(v.is_number() ? v.get<double>() : kRepNaN);
    return out;
}

QString repStr(const RJson& j, const char* key)
{
    if (!j.is_object() || !j.contains(key) || !j[key].is_string())
        return {};
    return QString::fromStdString(j[key].get<std::string>());
}

QString repEsc(const QString& s)
{
    return markupText(s);
}

QString repQs(const std::string& s)
{
    return markupText(QString::fromStdString(s));
}

QString repNodeName(const core::Topology& topology, const core::NodeId& id)
{
    const core::Node* node = topology.findNode(id);
    return repQs(node ? node->displayName() : id.str());
}

QString repNodeId(const core::Topology& topology, const core::NodeId& id)
{
    const core::Node* node = topology.findNode(id);
    if (!node || node->displayName() == id.str())
        return {};
    return repQs(id.str());
}

QString repPercent(double fraction, int decimals)
{
    if (!std::isfinite(fraction))
        return QStringLiteral("-");
    return reportNumber(fraction * 100, decimals) + QStringLiteral(" %");
}

QString repRow(const QStringList& cells, bool header, const std::vector<int>& widths)
{
    // Header rows go in <thead>: the PDF layout repeats them on every page a table spans.
    QString out = header ? QStringLiteral("<thead><tr>") : QStringLiteral("<tr>");
    const QString tag = header ? QStringLiteral("th") : QStringLiteral("td");
    for (int i = 0; i < cells.size(); ++i) {
        QString c = cells[i];
        QString attributes;
        if (c.startsWith(QLatin1Char('#'))) {
            c.remove(0, 1);
            attributes = QStringLiteral(" align=\"right\" class=\"n\"");
        } else if (c.startsWith(QLatin1Char('~'))) {
            c.remove(0, 1);
            attributes = QStringLiteral(" align=\"right\" class=\"w\"");
        }
        if (static_cast<std::size_t>(i) < widths.size() && widths[static_cast<std::size_t>(i)] > 0)
            attributes += QStringLiteral(" width=\"%1%\"").arg(widths[static_cast<std::size_t>(i)]);
        out += QStringLiteral("<%1%2>%3</%1>").arg(tag, attributes, c);
    }
    return out + (header ? QStringLiteral("</tr></thead>\n") : QStringLiteral("</tr>\n"));
}

QString repTableOpen(const QString& cls)
{
    return QStringLiteral("<table class=\"%1\" border=\"1\" cellspacing=\"0\" cellpadding=\"4\" "
                          "width=\"100%\">\n")
        .arg(cls);
}

QString repSeverityBadge(core::Severity severity)
{
    const QString color = severity == core::Severity::Error     ? QStringLiteral("#c0392b")
                          : severity == core::Severity::Warning ? QStringLiteral("#b9770e")
                                                                : QStringLiteral("#2471a3");
    return QStringLiteral("<span style=\"color:%1; font-weight:bold\">%2</span>")
        .arg(color, QString::fromLatin1(core::toString(severity)));
}

} // namespace scalelab::gui::report_detail

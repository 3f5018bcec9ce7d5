#pragma once

// Helpers shared by the report's sections: safe reads of a results document (missing or
// mistyped keys give NaN / empty, never an exception) and HTML table pieces.

#include <limits>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <QString>
#include <QStringList>

#include "core/model/Diagnostic.h"
#include "core/model/Topology.h"

namespace scalelab::gui::report_detail {

using RJson = nlohmann::json;
inline constexpr double kRepNaN = std::numeric_limits<double>::quiet_NaN();

double repNum(const RJson& j, const char* key);
const RJson& repSub(const RJson& j, const char* key);
std::vector<double> repSeries(const RJson& j, const char* key);
QString repStr(const RJson& j, const char* key);
QString repEsc(const QString& s);
QString repQs(const std::string& s);
QString repPercent(double fraction, int decimals);
/// A table row; cells starting with '#' are right-aligned numbers kept on one line, '~'
/// right-aligned text that may wrap. `widths` (percent, 0 = free) size the columns.
QString repRow(const QStringList& cells, bool header = false, const std::vector<int>& widths = {});
QString repTableOpen(const QString& cls = QStringLiteral("grid"));
QString repSeverityBadge(core::Severity severity);
/// A node as the canvas names it (its name, else its id), escaped.
QString repNodeName(const core::Topology& topology, const core::NodeId& id);
/// Its id, escaped, for the tables read beside the JSON documents (which key nodes by id);
/// "" when the name is the id.
QString repNodeId(const core::Topology& topology, const core::NodeId& id);

} // namespace scalelab::gui::report_detail

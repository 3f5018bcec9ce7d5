#include "gui/cli/ExperimentOptions.h"

#include "gui/cli/CommonOptions.h"

namespace scalelab::gui::cli {

namespace experiment_options_detail {

// A positive integer up to `max`, or a printed error.
bool positiveInt(const QCommandLineParser& parser, const QCommandLineOption& option,
                 const QString& command, int max, int& out)
{
    if (!parser.isSet(option))
        return true;
    bool ok = false;
    const int v = parser.value(option).toInt(&ok);
    if (!ok || v < 1 || v > max) {
        printError(QStringLiteral("%1: --%2 needs an integer from 1 to %3, got '%4'")
                       .arg(command, option.names().first())
                       .arg(max)
                       .arg(parser.value(option)));
        return false;
    }
    out = v;
    return true;
}

} // namespace experiment_options_detail

bool ExperimentOptions::read(const QCommandLineParser& parser, const QString& command, int fallback,
                             int& replicationsOut, unsigned& jobsOut) const
{
    using experiment_options_detail::positiveInt;
    replicationsOut = fallback;
    int jobCount = 0;
    if (!positiveInt(parser, replications, command, 10000, replicationsOut) ||
        !positiveInt(parser, jobs, command, 1024, jobCount))
        return false;
    jobsOut = static_cast<unsigned>(jobCount);
    return true;
}

} // namespace scalelab::gui::cli

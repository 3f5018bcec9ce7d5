#include "gui/cli/CommonOptions.h"

#include <cstdio>

#include "core/validation/Validator.h"
#include "gui/app/Logging.h"
#include "gui/cli/Commands.h"
#include "gui/util/AtomicWrite.h"

namespace scalelab::gui::cli {

namespace {
// A control character as JSON writes it (\u001b): visible, and inert in a terminal.
QString escapedControl(QChar c)
{
    return QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
}

// Ids and names from a file are printed in summaries and errors: a control character in
// one (an escape sequence) must not reach the terminal. Line breaks and tabs are ours.
QByteArray terminalSafe(const QString& text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        if (c.category() == QChar::Other_Control && c != QLatin1Char('\n') &&
            c != QLatin1Char('\t'))
            out += escapedControl(c);
        else
            out += c;
    }
    return out.toUtf8();
}
} // namespace

void printError(const QString& text)
{
    std::fputs(terminalSafe(text).constData(), stderr);
    std::fputc('\n', stderr);
}

void printOut(const QString& text)
{
    std::fputs(terminalSafe(text).constData(), stdout);
    std::fputc('\n', stdout);
}

bool parseWithCommonOptions(QCommandLineParser& parser, const QStringList& args, int& exitCode)
{
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    const QCommandLineOption logLevel(QStringLiteral("log-level"),
                                      QStringLiteral("trace, debug, info, warn, error or off."),
                                      QStringLiteral("LEVEL"), QStringLiteral("warn"));
    parser.addOption(help);
    parser.addOption(logLevel);
    if (!parser.parse(args)) {
        printError(
            QStringLiteral("%1: %2\nTry '%1 --help'.").arg(args.value(0), parser.errorText()));
        exitCode = BadUsage;
        return false;
    }
    if (parser.isSet(help)) {
        printOut(parser.helpText().replace(QStringLiteral("Usage: ") + QStringLiteral("scalelab"),
                                           QStringLiteral("Usage: ") + args.value(0)));
        exitCode = Success;
        return false;
    }
    if (!configureLogging(parser.value(logLevel).toStdString())) {
        printError(QStringLiteral("%1: unknown log level '%2'")
                       .arg(args.value(0), parser.value(logLevel)));
        exitCode = BadUsage;
        return false;
    }
    return true;
}

QString diagnosticLine(const core::Diagnostic& diagnostic)
{
    constexpr int kMaxLine = 400;
    const QString text = QString::fromStdString(diagnostic.toString());
    QString out;
    for (const QChar c : text) {
        if (out.size() >= kMaxLine) {
            out += QStringLiteral("...");
            break;
        }
        // One line per diagnostic: its own line breaks are escaped too.
        out += c.category() == QChar::Other_Control ? escapedControl(c) : QString(c);
    }
    return out;
}

bool outputIsNotInput(const QString& command, const QString& option, const QString& file,
                      const QString& out)
{
    if (out == QLatin1String("-") || !isSameFile(file, out))
        return true;
    printError(QStringLiteral("%1: %2 %3 would overwrite the input file; choose another name")
                   .arg(command, option, out));
    return false;
}

bool checkOutputOptions(const QString& command, const QCommandLineParser& parser,
                        std::initializer_list<const QCommandLineOption*> options,
                        const QString& file, bool& toStdout)
{
    toStdout = false;
    for (const QCommandLineOption* option : options) {
        if (!parser.isSet(*option))
            continue;
        const QString name = QStringLiteral("--") + option->names().first();
        const QString out = parser.value(*option);
        if (out.isEmpty()) {
            printError(QStringLiteral("%1: %2 needs a file name").arg(command, name));
            return false;
        }
        if (out == QLatin1String("-")) {
            if (toStdout) {
                printError(QStringLiteral("%1: only one output can be '-' (standard output)")
                               .arg(command));
                return false;
            }
            toStdout = true;
        }
        if (!file.isEmpty() && !outputIsNotInput(command, name, file, out))
            return false;
    }
    return true;
}

bool writeOutput(const QString& command, const QString& out, const QByteArray& bytes)
{
    if (out == QLatin1String("-")) {
        const bool ok = std::fwrite(bytes.constData(), 1, static_cast<std::size_t>(bytes.size()),
                                    stdout) == static_cast<std::size_t>(bytes.size()) &&
                        std::fflush(stdout) == 0;
        if (!ok)
            printError(QStringLiteral("%1: cannot write to standard output").arg(command));
        return ok;
    }
    QString problem;
    if (!writeFileAtomically(out, bytes, &problem)) {
        printError(QStringLiteral("%1: %2").arg(command, problem));
        return false;
    }
    return true;
}

std::optional<core::Topology> loadValidTopology(const QString& file)
{
    core::LoadResult loaded = core::loadAndValidateFile(file.toStdString());
    if (loaded.ok())
        return std::move(loaded.topology);
    for (const auto& d : loaded.diagnostics)
        if (d.severity == core::Severity::Error)
            printError(QStringLiteral("%1: error: %2").arg(file, diagnosticLine(d)));
    return std::nullopt;
}

QString parseFileCommand(QCommandLineParser& parser, const QStringList& args, int& exitCode)
{
    exitCode = Success;
    if (!parseWithCommonOptions(parser, args, exitCode))
        return {};
    const QStringList files = parser.positionalArguments();
    if (files.size() != 1 || files.first().isEmpty()) {
        printError(files.size() != 1
                       ? QStringLiteral("expected exactly one FILE, got %1").arg(files.size())
                       : QStringLiteral("the FILE name is empty"));
        exitCode = BadUsage;
        return {};
    }
    return files.first();
}

} // namespace scalelab::gui::cli

#pragma once

// Runs the real `scalelab` binary as a user on a server would: no display and no Qt
// platform in its environment, so a command that wanted a window would abort here.

#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>

namespace scalelab::testsupport {

struct CliRun {
    int code = -1; ///< the exit status; -1 when it timed out, -2 when it crashed
    QByteArray out;
    QByteArray err;
};

inline QProcessEnvironment headlessEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char* name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        env.remove(QLatin1String(name));
    return env;
}

/// Runs `scalelab args...` headless; `input` is written to its standard input.
inline CliRun runCli(const QStringList& args, const QByteArray& input = {}, int timeoutMs = 120000)
{
    QProcess p;
    p.setProcessEnvironment(headlessEnvironment());
    p.start(QStringLiteral(SCALELAB_BINARY), args);
    CliRun r;
    if (!p.waitForStarted(timeoutMs))
        return r;
    if (!input.isEmpty())
        p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

} // namespace scalelab::testsupport

#pragma once

#include <optional>

#include <QCommandLineOption>
#include <QList>
#include <QString>

#include "gui/record/Recorder.h"

class QCommandLineParser;

namespace scalelab::gui {

/// The options of `scalelab FILE --record OUT.mp4|OUT.webm|OUT.gif --run-for S [--fps F]
/// [--speed X] [--size WxH] [--no-charts]`, for the window's command-line parser.
QList<QCommandLineOption> recordOptions();

/// A recording the command line asks for.
struct RecordRequest {
    QString file;
    record::RecordOptions options;
};

/// Reads the record options (no application object needed); nothing after printing the
/// usage problem (bad usage, exit 2).
std::optional<RecordRequest> readRecordRequest(const QCommandLineParser& parser,
                                               const QString& file);

/// Records the file without showing a window (needs a QApplication); progress on stderr when
/// it is a terminal. Returns the exit code (0 done, 1 invalid file or cannot write).
int runRecord(const RecordRequest& request);

} // namespace scalelab::gui

#pragma once

#include <QByteArray>
#include <QString>

namespace scalelab::gui {

/// Writes a whole file or nothing: through QSaveFile, so a failure (disk full, a folder
/// that cannot be written) leaves any previous file as it was. A device or other special
/// file (/dev/null, /dev/stdout, a FIFO) is written to directly, never replaced. On
/// failure `error` says which file and why ("disk full: cannot write ...").
bool writeFileAtomically(const QString& path, const QByteArray& bytes, QString* error);

/// Why writing `size` bytes to `path` failed: "disk full: ..." when the file system lacks
/// the room (Qt says only "write error" then), else "cannot write PATH: WHY".
QString writeFailure(const QString& path, const QString& why, qint64 size);

/// True for a device, FIFO or socket (also through a link): written to, never replaced.
bool isSpecialFile(const QString& path);

/// The file that replacing `path` must replace: through a link, the file it points to, so
/// the link itself stays.
QString replacementTarget(const QString& path);

/// True when `output` names the same file as `input` (also through a link): writing it
/// would destroy the input.
bool isSameFile(const QString& input, const QString& output);

} // namespace scalelab::gui

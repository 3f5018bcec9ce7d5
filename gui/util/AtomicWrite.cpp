#include "gui/util/AtomicWrite.h"

#include <sys/stat.h>

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStorageInfo>

namespace scalelab::gui {

// The reason of a failed write. A full disk is the common case and the one a user can act
// on; Qt reports it only as a generic write error, so ask the file system whether the
// bytes would have fitted.
QString writeFailure(const QString& path, const QString& why, qint64 size)
{
    const QStorageInfo storage(QFileInfo(path).absolutePath());
    if (storage.isValid() && storage.bytesAvailable() < size + 4096)
        return QStringLiteral("disk full: cannot write %1 (%2 bytes, %3 free on %4)")
            .arg(path)
            .arg(size)
            .arg(storage.bytesAvailable())
            .arg(storage.rootPath());
    return QStringLiteral("cannot write %1: %2").arg(path, why);
}

bool isSpecialFile(const QString& path)
{
    struct stat st {};
    // stat follows links: a link to /dev/null is special too.
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 && !S_ISREG(st.st_mode) &&
           !S_ISDIR(st.st_mode);
}

QString replacementTarget(const QString& path)
{
    // symLinkTarget(), unlike canonicalFilePath(), also names the target of a link whose
    // file does not exist yet.
    const QFileInfo info(path);
    return info.isSymLink() && !info.symLinkTarget().isEmpty() ? info.symLinkTarget() : path;
}

bool writeFileAtomically(const QString& path, const QByteArray& bytes, QString* error)
{
    const auto fail = [&](const QString& why) {
        if (error)
            *error = why;
        return false;
    };
    if (QFileInfo(path).isDir())
        return fail(QStringLiteral("cannot write %1: it is a folder").arg(path));
    if (isSpecialFile(path)) {
        // QSaveFile would write a temporary file beside it and rename it over the device.
        QFile device(path);
        if (!device.open(QIODevice::WriteOnly | QIODevice::Unbuffered))
            return fail(QStringLiteral("cannot write %1: %2").arg(path, device.errorString()));
        if (device.write(bytes) != bytes.size())
            return fail(writeFailure(path, device.errorString(), bytes.size()));
        return true;
    }
    QSaveFile file(replacementTarget(path));
    // Unbuffered: Qt 6.4's QSaveFile notices only write errors that happen inside write();
    // a buffered write that fails when commit() flushes it (a full disk) is committed as
    // an empty or cut-off file and reported as success.
    if (!file.open(QIODevice::WriteOnly | QIODevice::Unbuffered))
        return fail(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    if (file.write(bytes) != bytes.size() || !file.commit()) {
        const QString why = file.errorString();
        file.cancelWriting();
        return fail(writeFailure(path, why, bytes.size()));
    }
    return true;
}

bool isSameFile(const QString& input, const QString& output)
{
    struct stat a {};
    struct stat b {};
    return ::stat(QFile::encodeName(input).constData(), &a) == 0 &&
           ::stat(QFile::encodeName(output).constData(), &b) == 0 && a.st_dev == b.st_dev &&
           a.st_ino == b.st_ino;
}

} // namespace scalelab::gui

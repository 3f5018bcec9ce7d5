#include "gui/record/PartialFile.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <QFile>
#include <QFileInfo>
#include <QTemporaryFile>

#include "gui/util/AtomicWrite.h"

namespace scalelab::gui::record {

namespace {
// A device (or a link to one) is written into, never replaced.
bool copyInto(const QString& from, const QString& device, QString* error)
{
    QFile in(from);
    QFile out(device);
    if (!in.open(QIODevice::ReadOnly) || !out.open(QIODevice::WriteOnly | QIODevice::Unbuffered)) {
        if (error)
            *error = QStringLiteral("cannot write %1: %2").arg(device, out.errorString());
        return false;
    }
    while (!in.atEnd()) {
        const QByteArray chunk = in.read(1 << 20);
        if (chunk.isEmpty() || out.write(chunk) != chunk.size()) {
            if (error)
                *error = QStringLiteral("cannot write %1: %2").arg(device, out.errorString());
            return false;
        }
    }
    return true;
}
} // namespace

PartialFile::PartialFile(QString destination) : m_destination(std::move(destination)) {}

PartialFile::~PartialFile()
{
    discard();
}

bool PartialFile::create(QString* error)
{
    const QString target = replacementTarget(m_destination);
    const QFileInfo info(isSpecialFile(target) ? m_destination : target);
    // Hidden and in the same folder: the final rename never crosses file systems.
    m_temp = std::make_unique<QTemporaryFile>(info.absolutePath() + QStringLiteral("/.") +
                                              info.fileName() + QStringLiteral(".XXXXXX.part"));
    if (!m_temp->open()) {
        if (error)
            *error = QStringLiteral("cannot write in %1: %2")
                         .arg(info.absolutePath(), m_temp->errorString());
        m_temp.reset();
        return false;
    }
    m_temp->close(); // the writer opens it by name; the object keeps the name reserved
    return true;
}

QString PartialFile::tempPath() const
{
    return m_temp ? m_temp->fileName() : QString();
}

bool PartialFile::commit(QString* error)
{
    if (!m_temp)
        return false;
    const QString target = replacementTarget(m_destination);
    if (isSpecialFile(target)) {
        const bool copied = copyInto(m_temp->fileName(), target, error);
        discard();
        return copied;
    }
    const QByteArray from = QFile::encodeName(m_temp->fileName());
    const QByteArray to = QFile::encodeName(QFileInfo(target).absoluteFilePath());
    // std::rename replaces an existing destination in one step (QFile::rename refuses to).
    if (std::rename(from.constData(), to.constData()) != 0) {
        if (error)
            *error = QStringLiteral("cannot write %1: %2")
                         .arg(m_destination, QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    m_temp->setAutoRemove(false);
    m_temp.reset();
    // QTemporaryFile made it private to us; a video is for sharing.
    QFile::setPermissions(target, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                      QFileDevice::ReadGroup | QFileDevice::ReadOther);
    return true;
}

void PartialFile::discard()
{
    m_temp.reset(); // QTemporaryFile removes its file
}

} // namespace scalelab::gui::record

#include "gui/record/PartialFile.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <QFile>
#include <QFileInfo>
#include <QTemporaryFile>

namespace scalelab::gui::record {

PartialFile::PartialFile(QString destination) : m_destination(std::move(destination)) {}

PartialFile::~PartialFile()
{
    discard();
}

bool PartialFile::create(QString* error)
{
    const QFileInfo info(m_destination);
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
    const QByteArray from = QFile::encodeName(m_temp->fileName());
    const QByteArray to = QFile::encodeName(QFileInfo(m_destination).absoluteFilePath());
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
    QFile::setPermissions(m_destination, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                             QFileDevice::ReadGroup | QFileDevice::ReadOther);
    return true;
}

void PartialFile::discard()
{
    m_temp.reset(); // QTemporaryFile removes its file
}

} // namespace scalelab::gui::record

#include "gui/document/Autosave.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QSettings>
#include <QStandardPaths>
#include <QTimer>

#include "core/io/TopologyJson.h"
#include "gui/document/Document.h"

namespace scalelab::gui {

namespace {
constexpr int kAutosaveIntervalMs = 30'000;
const char* const kRecoveryOriginalKey = "recovery/originalPath";
} // namespace

Autosave::Autosave(Document* document, QObject* parent)
    : QObject(parent), m_document(document), m_timer(new QTimer(this))
{
    m_timer->setInterval(kAutosaveIntervalMs);
    connect(m_timer, &QTimer::timeout, this, &Autosave::saveNow);
    m_timer->start();
}

QString Autosave::recoveryPath()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QDir(dir).filePath(QStringLiteral("recovery.scalelab"));
}

bool Autosave::hasRecovery()
{
    return QFileInfo::exists(recoveryPath());
}

QString Autosave::recoveredOriginalPath()
{
    return QSettings().value(QLatin1String(kRecoveryOriginalKey)).toString();
}

void Autosave::setIntervalMs(int ms)
{
    m_timer->setInterval(ms);
}

bool Autosave::saveNow()
{
    if (!m_document->isModified()) {
        // Undone back to the saved state: what this session wrote is stale. A recovery file
        // of an earlier session is left alone (it may be on offer right now).
        if (m_wroteRecovery)
            discard();
        m_wroteRecovery = false;
        return false;
    }
    const QString path = recoveryPath();
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    const std::string json = core::saveTopology(m_document->topology());
    file.write(json.data(), qint64(json.size()));
    if (!file.commit())
        return false;
    QSettings().setValue(QLatin1String(kRecoveryOriginalKey), m_document->filePath());
    m_wroteRecovery = true;
    return true;
}

void Autosave::discard()
{
    QFile::remove(recoveryPath());
    QSettings().remove(QLatin1String(kRecoveryOriginalKey));
}

} // namespace scalelab::gui

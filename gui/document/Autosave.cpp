#include "gui/document/Autosave.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QStandardPaths>
#include <QTimer>
#include <QUuid>

#include "core/io/TopologyJson.h"
#include "gui/document/Document.h"
#include "gui/util/AtomicWrite.h"

namespace scalelab::gui {

namespace {
constexpr int kAutosaveIntervalMs = 30'000;

QString recoveryDir()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("recovery"));
}

QString sessionFile(const QString& session, const char* suffix)
{
    return QDir(recoveryDir()).filePath(session + QLatin1String(suffix));
}

/// The session a recovery file belongs to: its name without the extension.
QString sessionOf(const QString& recoveryFile)
{
    return QFileInfo(recoveryFile).completeBaseName();
}
} // namespace

Autosave::Autosave(Document* document, QObject* parent)
    : QObject(parent), m_document(document), m_timer(new QTimer(this)),
      m_session(QUuid::createUuid().toString(QUuid::WithoutBraces))
{
    QDir().mkpath(recoveryDir());
    m_lock = std::make_unique<QLockFile>(sessionFile(m_session, ".lock"));
    m_lock->setStaleLockTime(0); // held for the whole session, however long
    m_lock->tryLock(0);          // a fresh id: free unless the directory is unwritable
    m_timer->setInterval(kAutosaveIntervalMs);
    connect(m_timer, &QTimer::timeout, this, &Autosave::saveNow);
    m_timer->start();
}

// The recovery file stays: a session that ends without discard() is a crash.
Autosave::~Autosave() = default;

QString Autosave::recoveryPath() const
{
    return sessionFile(m_session, ".scalelab");
}

bool Autosave::hasRecoveryFile() const
{
    return QFileInfo::exists(recoveryPath());
}

void Autosave::setIntervalMs(int ms)
{
    m_timer->setInterval(ms);
}

bool Autosave::saveNow()
{
    if (!m_document->isModified()) {
        // Undone back to the saved state: what this session wrote is stale.
        discard();
        return false;
    }
    QDir().mkpath(recoveryDir());
    // Whole or not at all, a full disk included (see writeFileAtomically). Without its
    // origin a recovered diagram would not know its file, so both must be written.
    QString error;
    if (!writeFileAtomically(recoveryPath(),
                             QByteArray::fromStdString(core::saveTopology(m_document->topology())),
                             &error) ||
        !writeFileAtomically(sessionFile(m_session, ".origin"), m_document->filePath().toUtf8(),
                             &error)) {
        Q_EMIT failed(error);
        return false;
    }
    return true;
}

void Autosave::discard()
{
    QFile::remove(recoveryPath());
    QFile::remove(sessionFile(m_session, ".origin"));
}

QStringList Autosave::orphanedRecoveries()
{
    const QFileInfoList files =
        QDir(recoveryDir()).entryInfoList({QStringLiteral("*.scalelab")}, QDir::Files, QDir::Time);
    // Locks of crashed sessions that had nothing unsaved: taking and releasing one
    // removes it, so they do not pile up.
    for (const QFileInfo& l :
         QDir(recoveryDir()).entryInfoList({QStringLiteral("*.lock")}, QDir::Files)) {
        if (QFileInfo::exists(sessionFile(l.completeBaseName(), ".scalelab")))
            continue;
        QLockFile lock(l.filePath());
        lock.setStaleLockTime(0);
        if (lock.tryLock(0))
            lock.unlock();
    }
    QStringList orphans;
    for (const QFileInfo& f : files) {
        // A lock that can be taken has no living owner (QLockFile checks the PID in it).
        QLockFile lock(sessionFile(sessionOf(f.filePath()), ".lock"));
        lock.setStaleLockTime(0);
        if (lock.tryLock(0)) {
            lock.unlock();
            orphans << f.absoluteFilePath();
        }
    }
    return orphans;
}

QString Autosave::originalPathOf(const QString& recoveryFile)
{
    QFile origin(sessionFile(sessionOf(recoveryFile), ".origin"));
    if (!origin.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(origin.readAll());
}

void Autosave::removeRecovery(const QString& recoveryFile)
{
    QFile::remove(recoveryFile);
    QFile::remove(sessionFile(sessionOf(recoveryFile), ".origin"));
}

} // namespace scalelab::gui

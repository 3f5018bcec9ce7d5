// The sweep's spill file goes to the user's temporary folder ($TMPDIR), not always /tmp:
// a user whose /tmp is small or read-only lost the sweep's CSV. The file is unlinked at
// once, so it is found through this process's open descriptors (/proc/self/fd, Linux).
#include <filesystem>
#include <system_error>

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include "core/experiment/SpillFile.h"

using scalelab::core::experiment::SpillFile;

namespace {
// The folders of this process's open files (a deleted file's link reads "PATH (deleted)";
// QFile::symLinkTarget resolves it and gives nothing useful).
QStringList openFileFolders()
{
    QStringList folders;
    std::error_code error;
    for (const auto& fd : std::filesystem::directory_iterator("/proc/self/fd", error)) {
        const std::filesystem::path target = std::filesystem::read_symlink(fd.path(), error);
        if (!error)
            folders << QString::fromStdString(target.parent_path().string());
    }
    return folders;
}
} // namespace

class TestSpillFile : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void itIsMadeInTmpdir()
    {
        if (!QFileInfo(QStringLiteral("/proc/self/fd")).isDir())
            QSKIP("needs /proc/self/fd");
        QTemporaryDir folder;
        QVERIFY(folder.isValid());
        const QByteArray before = qgetenv("TMPDIR");
        const bool hadTmpdir = qEnvironmentVariableIsSet("TMPDIR");
        qputenv("TMPDIR", QFile::encodeName(folder.path()));
        const QString there = QDir(folder.path()).canonicalPath();
        {
            SpillFile spill;
            const QStringList folders = openFileFolders();
            QVERIFY2(folders.contains(there),
                     qPrintable(QStringLiteral("no open file in %1; open in: %2")
                                    .arg(there, folders.join(QStringLiteral(", ")))));
            // And it works there: records come back in order.
            spill.append("one");
            spill.append(std::string("two\n\0three", 10));
            QStringList back;
            spill.forEach([&](const std::string& r) { back << QString::fromStdString(r); });
            QCOMPARE(back, (QStringList{QStringLiteral("one"),
                                        QString::fromStdString(std::string("two\n\0three", 10))}));
        }
        // Gone when closed: nothing left in the folder.
        QVERIFY(QDir(folder.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot).isEmpty());
        if (hadTmpdir)
            qputenv("TMPDIR", before);
        else
            qunsetenv("TMPDIR");
    }

    void aMissingTemporaryFolderIsReported()
    {
        // $TMPDIR naming no folder: the error says so instead of writing elsewhere.
        QTemporaryDir folder;
        QVERIFY(folder.isValid());
        const QByteArray before = qgetenv("TMPDIR");
        const bool hadTmpdir = qEnvironmentVariableIsSet("TMPDIR");
        qputenv("TMPDIR", QFile::encodeName(folder.filePath(QStringLiteral("absent"))));
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, SpillFile());
        if (hadTmpdir)
            qputenv("TMPDIR", before);
        else
            qunsetenv("TMPDIR");
    }
};

QTEST_GUILESS_MAIN(TestSpillFile)
#include "tst_spill_file.moc"

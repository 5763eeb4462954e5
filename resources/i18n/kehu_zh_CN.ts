<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutAction</name>
    <message>
        <location filename="../../app/views/shell/about.py" line="20"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/about.py" line="21"/>
        <source>&amp;About Kehu…</source>
        <translation>关于客户档案(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/about.py" line="25"/>
        <source>Kehu {0} — an encrypted customer file for sales and branch staff.

Qt {1}, PySide6 {2}, Python {3}
Customer files and settings: {4}</source>
        <translation>客户档案 {0} — 供销售与网点员工使用的加密客户档案。

Qt {1}，PySide6 {2}，Python {3}
客户文件与设置所在文件夹：{4}</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/about.py" line="31"/>
        <source>About Kehu</source>
        <translation>关于客户档案</translation>
    </message>
</context>
<context>
    <name>AdjustPointsDialog</name>
    <message>
        <location filename="../../app/views/loyalty/points_dialogs.py" line="29"/>
        <source>Adjust points</source>
        <translation>调整积分</translation>
    </message>
    <message>
        <location filename="../../app/views/loyalty/points_dialogs.py" line="31"/>
        <source>Add points to {0} ({1}), or take some away (a negative number).</source>
        <translation>为 {0}（{1}）增加积分，或扣减积分（填负数）。</translation>
    </message>
    <message>
        <location filename="../../app/views/loyalty/points_dialogs.py" line="38"/>
        <source>Required, e.g. goodwill for a late delivery</source>
        <translation>必填，例如：延迟交货的补偿</translation>
    </message>
    <message>
        <location filename="../../app/views/loyalty/points_dialogs.py" line="39"/>
        <source>Balance now:</source>
        <translation>当前余额：</translation>
    </message>
    <message>
        <location filename="../../app/views/loyalty/points_dialogs.py" line="40"/>
        <source>Points:</source>
        <translation>积分：</translation>
    </message>
    <message>
        <location filename="../../app/views/loyalty/points_dialogs.py" line="41"/>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <location filename="../../app/views/loyalty/points_dialogs.py" line="42"/>
        <source>The adjustment is a new ledger entry, recorded in the audit log; earlier entries are never changed.</source>
        <translation>调整将作为一条新的积分流水记入，并写入审计日志；已有记录不会被修改。</translation>
    </message>
    <message>
        <location filename="../../app/views/loyalty/points_dialogs.py" line="47"/>
        <source>Adjust</source>
        <translation>调整</translation>
    </message>
</context>
<context>
    <name>AgendaModel</name>
    <message>
        <location filename="../../app/views/agenda/agenda_model.py" line="163"/>
        <source>Due</source>
        <translation>到期时间</translation>
    </message>
    <message>
        <location filename="../../app/views/agenda/agenda_model.py" line="163"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../app/views/agenda/agenda_model.py" line="163"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../app/views/agenda/agenda_model.py" line="163"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../app/views/agenda/agenda_model.py" line="164"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../app/views/agenda/agenda_model.py" line="164"/>
        <location filename="../../app/views/agenda/agenda_model.py" line="210"/>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <location filename="../../app/views/agenda/agenda_model.py" line="210"/>
        <source>Due today</source>
        <translation>今日到期</translation>
    </message>
    <message>
        <location filename="../../app/views/agenda/agenda_model.py" line="211"/>
        <source>Upcoming {0} days</source>
        <translation>未来 {0} 天</translation>
    </message>
    <message>
        <location filename="../../app/views/agenda/agenda_model.py" line="211"/>
        <source>Complaint deadlines</source>
        <translation>投诉处理期限</translation>
    </message>
    <message>
        <location filename="../../app/views/agenda/agenda_model.py" line="214"/>
        <source>{0} ({1:,}; the first {2:,} are listed)</source>
        <translation>{0}（{1:,}，仅列出前 {2:,} 项）</translation>
    </message>
    <message>
        <location filename="../../app/views/agenda/agenda_model.py" line="216"/>
        <source>{0} ({1:,})</source>
        <translation>{0}（{1:,}）</translation>
    </message>
    <message>
        <location filename="../../app/views/agenda/agenda_model.py" line="230"/>
        <source>{0}: click to open the dossier</source>
        <translation>{0}：单击打开客户详情</translation>
    </message>
    <message>
        <location filename="../../app/views/agenda/agenda_model.py" line="266"/>
        <location filename="../../app/views/agenda/agenda_model.py" line="276"/>
        <source>{0} (snoozed)</source>
        <translation>{0}（已推迟）</translation>
    </message>
    <message>
        <location filename="../../app/views/agenda/agenda_model.py" line="282"/>
        <source>{0} · {1} · {2}</source>
        <translation>{0} · {1} · {2}</translation>
    </message>
    <message>
        <location filename="../../app/views/agenda/agenda_model.py" line="288"/>
        <source>Past deadline</source>
        <translation>已过期限</translation>
    </message>
    <message>
        <location filename="../../app/views/agenda/agenda_model.py" line="292"/>
        <source>1 day</source>
        <translation>1 天</translation>
    </message>
    <message>
        <location filename="../../app/views/agenda/agenda_model.py" line="292"/>
        <source>{0:,} days</source>
        <translation>{0:,} 天</translation>
    </message>
</context>
<context>
    <name>AgendaPanel</name>
    <message>
        <location filename="../../app/views/agenda/agenda_panel.py" line="88"/>
        <source>Open dossier</source>
        <translation>打开客户详情</translation>
    </message>
    <message>
        <location filename="../../app/views/agenda/agenda_panel.py" line="89"/>
        <source>Show this customer&apos;s dossier (Enter)</source>
        <translation>查看该客户的详情（Enter）</translation>
    </message>
    <message>
        <location filename="../../app/views/agenda/agenda_panel.py" line="91"/>
        <source>Complete…</source>
        <translation>完成…</translation>
    </message>
    <message>
        <location filename="../../app/views/agenda/agenda_panel.py" line="92"/>
        <source>Record the outcome and mark the reminder done (Ctrl+Enter)</source>
        <translation>记录结果并将提醒标记为已完成（Ctrl+Enter）</translation>
    </message>
    <message>
        <location filename="../../app/views/agenda/agenda_panel.py" line="93"/>
        <source>Log contact</source>
        <translation>记录联系</translation>
    </message>
    <message>
        <location filename="../../app/views/agenda/agenda_panel.py" line="94"/>
        <source>Log a contact with this customer (L)</source>
        <translation>记录与该客户的一次联系（L）</translation>
    </message>
    <message>
        <location filename="../../app/views/agenda/agenda_panel.py" line="95"/>
        <location filename="../../app/views/agenda/agenda_panel.py" line="107"/>
        <location filename="../../app/views/agenda/agenda_panel.py" line="337"/>
        <source>Snooze</source>
        <translation>推迟</translation>
    </message>
    <message>
        <location filename="../../app/views/agenda/agenda_panel.py" line="96"/>
        <source>Move the reminder to later (S)</source>
        <translation>将提醒推迟到稍后（S）</translation>
    </message>
    <message>
        <location filename="../../app/views/agenda/agenda_panel.py" line="97"/>
        <source>Show phone number</source>
        <translation>显示完整号码</translation>
    </message>
    <message>
        <location filename="../../app/views/agenda/agenda_panel.py" line="98"/>
        <source>Show this customer&apos;s phone number in full; it is written to the audit log (P)</source>
        <translation>显示该客户的完整电话号码，并记入审计日志 (P)</translation>
    </message>
    <message>
        <location filename="../../app/views/agenda/agenda_panel.py" line="100"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../app/views/agenda/agenda_panel.py" line="101"/>
        <source>Read the agenda again (F5)</source>
        <translation>重新读取待办事项（F5）</translation>
    </message>
    <message>
        <location filename="../../app/views/agenda/agenda_panel.py" line="211"/>
        <source>Agenda</source>
        <translation>待办事项</translation>
    </message>
    <message>
        <location filename="../../app/views/agenda/agenda_panel.py" line="308"/>
        <source>Complete reminder</source>
        <translation>完成提醒</translation>
    </message>
</context>
<context>
    <name>AgendaView</name>
    <message>
        <location filename="../../app/views/agenda/agenda_view.py" line="43"/>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <location filename="../../app/views/agenda/agenda_view.py" line="50"/>
        <source>All owners</source>
        <translation>全部客户经理</translation>
    </message>
    <message>
        <location filename="../../app/views/agenda/agenda_view.py" line="51"/>
        <source>Show the agenda of one account manager</source>
        <translation>只显示某位客户经理的待办事项</translation>
    </message>
    <message>
        <location filename="../../app/views/agenda/agenda_view.py" line="54"/>
        <source>Owner:</source>
        <translation>客户经理：</translation>
    </message>
    <message>
        <location filename="../../app/views/agenda/agenda_view.py" line="69"/>
        <source>Snooze</source>
        <translation>推迟</translation>
    </message>
    <message>
        <location filename="../../app/views/agenda/agenda_view.py" line="71"/>
        <source>Enter: open · Ctrl+Enter: complete · L: log contact · S: snooze</source>
        <translation>Enter：打开 · Ctrl+Enter：完成 · L：记录联系 · S：推迟</translation>
    </message>
    <message>
        <location filename="../../app/views/agenda/agenda_view.py" line="97"/>
        <source>Reading the agenda…</source>
        <translation>正在读取待办事项…</translation>
    </message>
    <message>
        <location filename="../../app/views/agenda/agenda_view.py" line="146"/>
        <source>Monday</source>
        <translation>星期一</translation>
    </message>
    <message>
        <location filename="../../app/views/agenda/agenda_view.py" line="146"/>
        <source>Tuesday</source>
        <translation>星期二</translation>
    </message>
    <message>
        <location filename="../../app/views/agenda/agenda_view.py" line="146"/>
        <source>Wednesday</source>
        <translation>星期三</translation>
    </message>
    <message>
        <location filename="../../app/views/agenda/agenda_view.py" line="147"/>
        <source>Thursday</source>
        <translation>星期四</translation>
    </message>
    <message>
        <location filename="../../app/views/agenda/agenda_view.py" line="147"/>
        <source>Friday</source>
        <translation>星期五</translation>
    </message>
    <message>
        <location filename="../../app/views/agenda/agenda_view.py" line="147"/>
        <source>Saturday</source>
        <translation>星期六</translation>
    </message>
    <message>
        <location filename="../../app/views/agenda/agenda_view.py" line="148"/>
        <source>Sunday</source>
        <translation>星期日</translation>
    </message>
    <message>
        <location filename="../../app/views/agenda/agenda_view.py" line="149"/>
        <source>{0}, {1}</source>
        <translation>{1} {0}</translation>
    </message>
    <message>
        <location filename="../../app/views/agenda/agenda_view.py" line="155"/>
        <source>Nothing due for {0} — well done.</source>
        <translation>{0} 暂无到期事项，做得好！</translation>
    </message>
    <message>
        <location filename="../../app/views/agenda/agenda_view.py" line="157"/>
        <source>Nothing due — well done.</source>
        <translation>暂无到期事项，做得好！</translation>
    </message>
    <message>
        <location filename="../../app/views/agenda/agenda_view.py" line="159"/>
        <source>No overdue reminders, nothing due today or in the next {0} days, and no complaint deadlines.</source>
        <translation>没有逾期的提醒，今日及未来 {0} 天内没有到期事项，也没有投诉处理期限。</translation>
    </message>
    <message>
        <location filename="../../app/views/agenda/agenda_view.py" line="178"/>
        <source>The customer file is locked.</source>
        <translation>客户档案已锁定。</translation>
    </message>
</context>
<context>
    <name>AppMain</name>
    <message>
        <location filename="../../app/views/shell/app_main.py" line="34"/>
        <source>Creating the encrypted customer file…</source>
        <translation>正在创建加密的客户档案…</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/app_main.py" line="78"/>
        <source>Open customer file</source>
        <translation>打开客户档案</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/app_main.py" line="79"/>
        <source>Kehu files (*.db)</source>
        <translation>客户档案文件 (*.db)</translation>
    </message>
</context>
<context>
    <name>ApplyPage</name>
    <message>
        <location filename="../../app/views/imports/apply_page.py" line="31"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/apply_page.py" line="34"/>
        <source>&amp;Cancel import</source>
        <translation>取消导入(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/apply_page.py" line="36"/>
        <source>Save the &amp;rejected rows…</source>
        <translation>保存被拒绝的行(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/apply_page.py" line="38"/>
        <source>&amp;Undo this import</source>
        <translation>撤销本次导入(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/apply_page.py" line="60"/>
        <source>Taking a backup, then importing…</source>
        <translation>正在备份，然后导入…</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/apply_page.py" line="77"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/apply_page.py" line="94"/>
        <source>The import failed; nothing was written.
%1</source>
        <translation>导入失败，未写入任何内容。
%1</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/apply_page.py" line="104"/>
        <source>Import %1 done: %2 customers created, %3 updated, %4 purchases and %5 contacts added; %6 rows rejected. A backup was taken first.</source>
        <translation>导入 %1 完成：新建客户 %2，更新 %3，新增购买 %4、联系 %5；拒绝 %6 行。导入前已自动备份。</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/apply_page.py" line="127"/>
        <location filename="../../app/views/imports/apply_page.py" line="144"/>
        <source>Save the rejected rows</source>
        <translation>保存被拒绝的行</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/apply_page.py" line="128"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/apply_page.py" line="139"/>
        <source>Writing the rejected rows…</source>
        <translation>正在写入被拒绝的行…</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/apply_page.py" line="142"/>
        <source>Import from Excel</source>
        <translation>从 Excel 导入</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/apply_page.py" line="145"/>
        <source>%1 rejected rows were saved to:
%2</source>
        <translation>已将 %1 个被拒绝的行保存到：
%2</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/apply_page.py" line="152"/>
        <location filename="../../app/views/imports/apply_page.py" line="157"/>
        <source>Undo this import</source>
        <translation>撤销本次导入</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/apply_page.py" line="153"/>
        <source>Remove what this import created and put back the previous values?</source>
        <translation>删除本次导入新建的内容并恢复原来的值？</translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <location filename="../../app/views/audit/audit_dialog.py" line="35"/>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <location filename="../../app/views/audit/audit_dialog.py" line="36"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../app/views/audit/audit_dialog.py" line="37"/>
        <source>Copy for the person</source>
        <translation>个人信息副本</translation>
    </message>
    <message>
        <location filename="../../app/views/audit/audit_dialog.py" line="38"/>
        <source>Erasure</source>
        <translation>删除个人信息</translation>
    </message>
    <message>
        <location filename="../../app/views/audit/audit_dialog.py" line="39"/>
        <source>Hold</source>
        <translation>保全（冻结）</translation>
    </message>
    <message>
        <location filename="../../app/views/audit/audit_dialog.py" line="40"/>
        <source>Hold released</source>
        <translation>解除保全</translation>
    </message>
    <message>
        <location filename="../../app/views/audit/audit_dialog.py" line="41"/>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <location filename="../../app/views/audit/audit_dialog.py" line="42"/>
        <source>Merge undone</source>
        <translation>撤销合并</translation>
    </message>
    <message>
        <location filename="../../app/views/audit/audit_dialog.py" line="43"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../app/views/audit/audit_dialog.py" line="44"/>
        <source>Import undone</source>
        <translation>撤销导入</translation>
    </message>
    <message>
        <location filename="../../app/views/audit/audit_dialog.py" line="45"/>
        <source>Password change</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <location filename="../../app/views/audit/audit_dialog.py" line="46"/>
        <source>Settings change</source>
        <translation>修改设置</translation>
    </message>
    <message>
        <location filename="../../app/views/audit/audit_dialog.py" line="47"/>
        <source>Consent given</source>
        <translation>同意</translation>
    </message>
    <message>
        <location filename="../../app/views/audit/audit_dialog.py" line="48"/>
        <source>Consent withdrawn</source>
        <translation>撤回同意</translation>
    </message>
    <message>
        <location filename="../../app/views/audit/audit_dialog.py" line="49"/>
        <source>Moved to trash</source>
        <translation>移入回收站</translation>
    </message>
    <message>
        <location filename="../../app/views/audit/audit_dialog.py" line="50"/>
        <source>Restored</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location filename="../../app/views/audit/audit_dialog.py" line="51"/>
        <source>Deleted for good</source>
        <translation>永久删除</translation>
    </message>
    <message>
        <location filename="../../app/views/audit/audit_dialog.py" line="52"/>
        <source>Audit exported</source>
        <translation>导出审计日志</translation>
    </message>
    <message>
        <location filename="../../app/views/audit/audit_dialog.py" line="53"/>
        <source>Shown in full</source>
        <translation>显示完整信息</translation>
    </message>
    <message>
        <location filename="../../app/views/audit/audit_dialog.py" line="54"/>
        <source>Show in full for the session</source>
        <translation>本次会话显示完整信息</translation>
    </message>
    <message>
        <location filename="../../app/views/audit/audit_dialog.py" line="55"/>
        <source>Erased after retention</source>
        <translation>保存期满删除</translation>
    </message>
    <message>
        <location filename="../../app/views/audit/audit_dialog.py" line="56"/>
        <source>Anonymised after retention</source>
        <translation>保存期满匿名化</translation>
    </message>
    <message>
        <location filename="../../app/views/audit/audit_dialog.py" line="85"/>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <location filename="../../app/views/audit/audit_dialog.py" line="89"/>
        <source>All actions</source>
        <translation>全部操作</translation>
    </message>
    <message>
        <location filename="../../app/views/audit/audit_dialog.py" line="91"/>
        <source>Everyone</source>
        <translation>全部人员</translation>
    </message>
    <message>
        <location filename="../../app/views/audit/audit_dialog.py" line="92"/>
        <source>From</source>
        <translation>日期从</translation>
    </message>
    <message>
        <location filename="../../app/views/audit/audit_dialog.py" line="96"/>
        <source>Action:</source>
        <translation>操作：</translation>
    </message>
    <message>
        <location filename="../../app/views/audit/audit_dialog.py" line="97"/>
        <source>Person:</source>
        <translation>人员：</translation>
    </message>
    <message>
        <location filename="../../app/views/audit/audit_dialog.py" line="102"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../../app/views/audit/audit_dialog.py" line="108"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../app/views/audit/audit_dialog.py" line="108"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../app/views/audit/audit_dialog.py" line="108"/>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <location filename="../../app/views/audit/audit_dialog.py" line="109"/>
        <source>Subject</source>
        <translation>对象</translation>
    </message>
    <message>
        <location filename="../../app/views/audit/audit_dialog.py" line="109"/>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../../app/views/audit/audit_dialog.py" line="117"/>
        <source>&amp;Export to Excel…</source>
        <translation>导出到 Excel(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../app/views/audit/audit_dialog.py" line="143"/>
        <source>The customer file is locked.</source>
        <translation>客户档案已锁定。</translation>
    </message>
    <message>
        <location filename="../../app/views/audit/audit_dialog.py" line="148"/>
        <source>Reading the audit log…</source>
        <translation>正在读取审计日志…</translation>
    </message>
    <message>
        <location filename="../../app/views/audit/audit_dialog.py" line="180"/>
        <source>No audit entries match.</source>
        <translation>没有符合条件的审计记录。</translation>
    </message>
    <message>
        <location filename="../../app/views/audit/audit_dialog.py" line="182"/>
        <source>The newest {0:,} entries are shown; the export writes every one that matches.</source>
        <translation>仅显示最新的 {0:,} 条；导出会写入全部符合条件的记录。</translation>
    </message>
    <message>
        <location filename="../../app/views/audit/audit_dialog.py" line="185"/>
        <source>{0:,} entries.</source>
        <translation>共 {0:,} 条。</translation>
    </message>
    <message>
        <location filename="../../app/views/audit/audit_dialog.py" line="187"/>
        <source>Hash chain intact: {0:,} entries, none altered ({1:,} redacted by erasures).</source>
        <translation>哈希链完整：共 {0:,} 条，均未被改动（其中 {1:,} 条因删除个人信息已脱敏）。</translation>
    </message>
    <message>
        <location filename="../../app/views/audit/audit_dialog.py" line="192"/>
        <source>The audit log was altered outside Kehu: {0:,} entries do not match their hash.</source>
        <translation>审计日志已在本程序之外被改动：{0:,} 条记录与其哈希不符。</translation>
    </message>
    <message>
        <location filename="../../app/views/audit/audit_dialog.py" line="201"/>
        <source>The audit log could not be read: {0}</source>
        <translation>无法读取审计日志：{0}</translation>
    </message>
    <message>
        <location filename="../../app/views/audit/audit_dialog.py" line="208"/>
        <source>Export the audit log</source>
        <translation>导出审计日志</translation>
    </message>
    <message>
        <location filename="../../app/views/audit/audit_dialog.py" line="210"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../app/views/audit/audit_dialog.py" line="216"/>
        <source>Writing the audit log…</source>
        <translation>正在写入审计日志…</translation>
    </message>
    <message>
        <location filename="../../app/views/audit/audit_dialog.py" line="222"/>
        <source>{0:,} entries written to {1}</source>
        <translation>已将 {0:,} 条记录写入 {1}</translation>
    </message>
    <message>
        <location filename="../../app/views/audit/audit_dialog.py" line="227"/>
        <source>The audit log could not be written: {0}</source>
        <translation>无法写入审计日志：{0}</translation>
    </message>
</context>
<context>
    <name>CalendarExport</name>
    <message>
        <location filename="../../app/views/agenda/calendar_export.py" line="44"/>
        <source>Export reminders to calendar</source>
        <translation>导出提醒到日历</translation>
    </message>
    <message>
        <location filename="../../app/views/agenda/calendar_export.py" line="45"/>
        <source>iCalendar files (*.ics)</source>
        <translation>iCalendar 日历文件 (*.ics)</translation>
    </message>
    <message>
        <location filename="../../app/views/agenda/calendar_export.py" line="55"/>
        <source>Exporting the open reminders…</source>
        <translation>正在导出未完成的提醒…</translation>
    </message>
    <message>
        <location filename="../../app/views/agenda/calendar_export.py" line="63"/>
        <source>1 open reminder exported to {0}</source>
        <translation>已将 1 条未完成的提醒导出到 {0}</translation>
    </message>
    <message>
        <location filename="../../app/views/agenda/calendar_export.py" line="65"/>
        <source>{0:,} open reminders exported to {1}</source>
        <translation>已将 {0:,} 条未完成的提醒导出到 {1}</translation>
    </message>
    <message>
        <location filename="../../app/views/agenda/calendar_export.py" line="75"/>
        <source>Export reminders</source>
        <translation>导出提醒</translation>
    </message>
</context>
<context>
    <name>CampaignForm</name>
    <message>
        <location filename="../../app/views/campaigns/campaign_form.py" line="40"/>
        <source>New campaign</source>
        <translation>新建营销活动</translation>
    </message>
    <message>
        <location filename="../../app/views/campaigns/campaign_form.py" line="45"/>
        <source>(a filter below)</source>
        <translation>（使用下方筛选条件）</translation>
    </message>
    <message>
        <location filename="../../app/views/campaigns/campaign_form.py" line="51"/>
        <source>e.g. tier=vip,stage=at_risk</source>
        <translation>例如 tier=vip,stage=at_risk</translation>
    </message>
    <message>
        <location filename="../../app/views/campaigns/campaign_form.py" line="64"/>
        <source>none, or a value in yuan, e.g. 20</source>
        <translation>不发券，或填写面值（元），例如 20</translation>
    </message>
    <message>
        <location filename="../../app/views/campaigns/campaign_form.py" line="67"/>
        <source>What to say or send</source>
        <translation>电话话术或发送内容</translation>
    </message>
    <message>
        <location filename="../../app/views/campaigns/campaign_form.py" line="73"/>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location filename="../../app/views/campaigns/campaign_form.py" line="74"/>
        <source>Segment:</source>
        <translation>分群：</translation>
    </message>
    <message>
        <location filename="../../app/views/campaigns/campaign_form.py" line="75"/>
        <source>Or filter:</source>
        <translation>或筛选条件：</translation>
    </message>
    <message>
        <location filename="../../app/views/campaigns/campaign_form.py" line="76"/>
        <source>Channel:</source>
        <translation>渠道：</translation>
    </message>
    <message>
        <location filename="../../app/views/campaigns/campaign_form.py" line="77"/>
        <source>From:</source>
        <translation>开始：</translation>
    </message>
    <message>
        <location filename="../../app/views/campaigns/campaign_form.py" line="78"/>
        <source>To:</source>
        <translation>结束：</translation>
    </message>
    <message>
        <location filename="../../app/views/campaigns/campaign_form.py" line="79"/>
        <source>Control group:</source>
        <translation>对照组：</translation>
    </message>
    <message>
        <location filename="../../app/views/campaigns/campaign_form.py" line="80"/>
        <source>Coupon:</source>
        <translation>优惠券：</translation>
    </message>
    <message>
        <location filename="../../app/views/campaigns/campaign_form.py" line="81"/>
        <source>Coupon valid until:</source>
        <translation>优惠券有效期至：</translation>
    </message>
    <message>
        <location filename="../../app/views/campaigns/campaign_form.py" line="82"/>
        <source>Script:</source>
        <translation>话术：</translation>
    </message>
    <message>
        <location filename="../../app/views/campaigns/campaign_form.py" line="85"/>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <location filename="../../app/views/campaigns/campaign_form.py" line="111"/>
        <source>Coupon</source>
        <translation>优惠券</translation>
    </message>
    <message>
        <location filename="../../app/views/campaigns/campaign_form.py" line="112"/>
        <source>Coupon valid until</source>
        <translation>优惠券有效期</translation>
    </message>
    <message>
        <location filename="../../app/views/campaigns/campaign_form.py" line="117"/>
        <source>From</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <location filename="../../app/views/campaigns/campaign_form.py" line="118"/>
        <source>To</source>
        <translation>结束日期</translation>
    </message>
</context>
<context>
    <name>CampaignsDialog</name>
    <message>
        <location filename="../../app/views/campaigns/campaigns_dialog.py" line="78"/>
        <source>Campaigns</source>
        <translation>营销活动</translation>
    </message>
    <message>
        <location filename="../../app/views/campaigns/campaigns_dialog.py" line="81"/>
        <source>Campaign</source>
        <translation>营销活动</translation>
    </message>
    <message>
        <location filename="../../app/views/campaigns/campaigns_dialog.py" line="82"/>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../../app/views/campaigns/campaigns_dialog.py" line="83"/>
        <source>Period</source>
        <translation>活动期</translation>
    </message>
    <message>
        <location filename="../../app/views/campaigns/campaigns_dialog.py" line="85"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../app/views/campaigns/campaigns_dialog.py" line="85"/>
        <source>Launched</source>
        <translation>已启动</translation>
    </message>
    <message>
        <location filename="../../app/views/campaigns/campaigns_dialog.py" line="86"/>
        <source>Not launched</source>
        <translation>未启动</translation>
    </message>
    <message>
        <location filename="../../app/views/campaigns/campaigns_dialog.py" line="87"/>
        <source>Contacted</source>
        <translation>已联系</translation>
    </message>
    <message>
        <location filename="../../app/views/campaigns/campaigns_dialog.py" line="88"/>
        <source>Bought (campaign / control)</source>
        <translation>购买率（活动组 / 对照组）</translation>
    </message>
    <message>
        <location filename="../../app/views/campaigns/campaigns_dialog.py" line="91"/>
        <source>Lift</source>
        <translation>提升</translation>
    </message>
    <message>
        <location filename="../../app/views/campaigns/campaigns_dialog.py" line="103"/>
        <source>No campaign yet. A campaign contacts a saved segment by one channel, holds out a control group and measures the effect: start with New campaign…</source>
        <translation>还没有营销活动。营销活动通过一种渠道联系一个已保存的分群，留出对照组并评估效果：请点击“新建活动…”开始。</translation>
    </message>
    <message>
        <location filename="../../app/views/campaigns/campaigns_dialog.py" line="111"/>
        <source>&amp;New campaign…</source>
        <translation>新建活动(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../app/views/campaigns/campaigns_dialog.py" line="112"/>
        <source>&amp;Launch…</source>
        <translation>启动(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../../app/views/campaigns/campaigns_dialog.py" line="113"/>
        <source>A dry run first: who is contacted, who is left out and why; then launch</source>
        <translation>先试运行：显示将联系谁、排除谁及原因；确认后启动</translation>
    </message>
    <message>
        <location filename="../../app/views/campaigns/campaigns_dialog.py" line="115"/>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/views/campaigns/campaigns_dialog.py" line="116"/>
        <source>&amp;Export results…</source>
        <translation>导出效果(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../app/views/campaigns/campaigns_dialog.py" line="117"/>
        <source>Every launched campaign&apos;s evaluation, in all and per value tier, as a workbook: figures only, no customer in it</source>
        <translation>把每个已启动活动的效果评估（总体及分价值等级）导出为工作簿：只有统计数字，不含任何客户信息</translation>
    </message>
    <message>
        <location filename="../../app/views/campaigns/campaigns_dialog.py" line="156"/>
        <source>Reading campaigns…</source>
        <translation>正在读取营销活动…</translation>
    </message>
    <message>
        <location filename="../../app/views/campaigns/campaigns_dialog.py" line="183"/>
        <source>segment {0}</source>
        <translation>分群 {0}</translation>
    </message>
    <message>
        <location filename="../../app/views/campaigns/campaigns_dialog.py" line="184"/>
        <source>filter {0}</source>
        <translation>筛选条件 {0}</translation>
    </message>
    <message>
        <location filename="../../app/views/campaigns/campaigns_dialog.py" line="185"/>
        <source>{0} — {1}, {2}</source>
        <translation>{0} — {1}，{2}</translation>
    </message>
    <message>
        <location filename="../../app/views/campaigns/campaigns_dialog.py" line="187"/>
        <source>Control group {0} % (seed {1}); purchases counted {2} days after the launch.</source>
        <translation>对照组 {0}%（随机种子 {1}）；统计启动后 {2} 天内的购买。</translation>
    </message>
    <message>
        <location filename="../../app/views/campaigns/campaigns_dialog.py" line="190"/>
        <source>Offer: a coupon of {0}, valid until {1}.</source>
        <translation>优惠：面值 {0} 的优惠券，有效期至 {1}。</translation>
    </message>
    <message>
        <location filename="../../app/views/campaigns/campaigns_dialog.py" line="193"/>
        <source>Script: {0}</source>
        <translation>话术：{0}</translation>
    </message>
    <message>
        <location filename="../../app/views/campaigns/campaigns_dialog.py" line="195"/>
        <source>Not launched yet.</source>
        <translation>尚未启动。</translation>
    </message>
    <message>
        <location filename="../../app/views/campaigns/campaigns_dialog.py" line="198"/>
        <source>Targeted {0}; left out for lack of consent {1}, other reasons {2}; control group {3}; contacted {4}; responded {5} ({6}).</source>
        <translation>目标客户 {0}；因未同意营销排除 {1}，其他原因排除 {2}；对照组 {3}；已联系 {4}；有响应 {5}（{6}）。</translation>
    </message>
    <message>
        <location filename="../../app/views/campaigns/campaigns_dialog.py" line="204"/>
        <source>Up to {0}: bought {1} of the campaign group and {2} of the control group; revenue {3} against {4}.</source>
        <translation>截至 {0}：活动组购买率 {1}，对照组 {2}；收入 {3}，对照组 {4}。</translation>
    </message>
    <message>
        <location filename="../../app/views/campaigns/campaigns_dialog.py" line="211"/>
        <source>Lift {0:+.1%} (95 % confidence interval {1:+.1%} to {2:+.1%}); revenue per customer {3} more.</source>
        <translation>提升 {0:+.1%}（95% 置信区间 {1:+.1%} 至 {2:+.1%}）；人均收入多 {3}。</translation>
    </message>
    <message>
        <location filename="../../app/views/campaigns/campaigns_dialog.py" line="215"/>
        <source>No lift without a control group.</source>
        <translation>没有对照组，无法计算提升。</translation>
    </message>
    <message>
        <location filename="../../app/views/campaigns/campaigns_dialog.py" line="218"/>
        <source>No tier</source>
        <translation>未分级</translation>
    </message>
    <message>
        <location filename="../../app/views/campaigns/campaigns_dialog.py" line="219"/>
        <source>{0}: bought {1} vs {2} (of {3} / {4})</source>
        <translation>{0}：购买率 {1}，对照组 {2}（{3} / {4} 人）</translation>
    </message>
    <message>
        <location filename="../../app/views/campaigns/campaigns_dialog.py" line="243"/>
        <source>Checking the target…</source>
        <translation>正在检查目标客户…</translation>
    </message>
    <message>
        <location filename="../../app/views/campaigns/campaigns_dialog.py" line="248"/>
        <source>Launch “{0}”?

{1} customers in the target now; {2} left out:
{3}
{4} held out as the control group; {5} to contact.</source>
        <translation>启动“{0}”？

目标客户目前 {1} 位；排除 {2} 位：
{3}
{4} 位留作对照组；{5} 位待联系。</translation>
    </message>
    <message>
        <location filename="../../app/views/campaigns/campaigns_dialog.py" line="253"/>
        <source>{0} reminders for the owners on working days.</source>
        <translation>将在工作日为客户经理生成 {0} 条提醒。</translation>
    </message>
    <message>
        <location filename="../../app/views/campaigns/campaigns_dialog.py" line="256"/>
        <source>{0} do not fit the period under the daily capacity.</source>
        <translation>有 {0} 位在每日容量内排不进活动期。</translation>
    </message>
    <message>
        <location filename="../../app/views/campaigns/campaigns_dialog.py" line="267"/>
        <source>Save the contact list (masked)</source>
        <translation>保存联系名单（已脱敏）</translation>
    </message>
    <message>
        <location filename="../../app/views/campaigns/campaigns_dialog.py" line="268"/>
        <location filename="../../app/views/campaigns/campaigns_dialog.py" line="287"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../app/views/campaigns/campaigns_dialog.py" line="273"/>
        <source>Launching…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <location filename="../../app/views/campaigns/campaigns_dialog.py" line="276"/>
        <source>Writing the list…</source>
        <translation>正在写入名单…</translation>
    </message>
    <message>
        <location filename="../../app/views/campaigns/campaigns_dialog.py" line="286"/>
        <source>Export the campaigns&apos; results</source>
        <translation>导出营销活动效果</translation>
    </message>
    <message>
        <location filename="../../app/views/campaigns/campaigns_dialog.py" line="286"/>
        <source>campaign results.xlsx</source>
        <translation>营销活动效果.xlsx</translation>
    </message>
    <message>
        <location filename="../../app/views/campaigns/campaigns_dialog.py" line="292"/>
        <source>Writing the results…</source>
        <translation>正在写入效果…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/campaigns/campaigns_dialog.py" line="297"/>
        <source>The results of %n campaign(s) were saved to {0}.</source>
        <translation>
            <numerusform>已将 %n 个活动的效果保存到 {0}。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CampaignsTable</name>
    <message>
        <location filename="../../app/views/dashboard/campaigns_table.py" line="56"/>
        <source>Latest campaigns (all owners and regions)</source>
        <translation>最近的营销活动（全部客户经理和地区）</translation>
    </message>
    <message>
        <location filename="../../app/views/dashboard/campaigns_table.py" line="65"/>
        <source>Campaign</source>
        <translation>营销活动</translation>
    </message>
    <message>
        <location filename="../../app/views/dashboard/campaigns_table.py" line="65"/>
        <source>Launched</source>
        <translation>已启动</translation>
    </message>
    <message>
        <location filename="../../app/views/dashboard/campaigns_table.py" line="65"/>
        <source>Contacted / control</source>
        <translation>已联系 / 对照组</translation>
    </message>
    <message>
        <location filename="../../app/views/dashboard/campaigns_table.py" line="66"/>
        <source>Bought (campaign / control)</source>
        <translation>购买率（活动组 / 对照组）</translation>
    </message>
    <message>
        <location filename="../../app/views/dashboard/campaigns_table.py" line="66"/>
        <source>Lift (95 % interval)</source>
        <translation>提升（95% 置信区间）</translation>
    </message>
    <message>
        <location filename="../../app/views/dashboard/campaigns_table.py" line="67"/>
        <source>Revenue per customer</source>
        <translation>人均收入提升</translation>
    </message>
    <message>
        <location filename="../../app/views/dashboard/campaigns_table.py" line="105"/>
        <source>{0} ({1} to {2})</source>
        <translation>{0}（{1} 至 {2}）</translation>
    </message>
    <message>
        <location filename="../../app/views/dashboard/campaigns_table.py" line="118"/>
        <source>{0}, by {1}: purchases counted up to {2}</source>
        <translation>{0}，渠道：{1}；购买统计截至 {2}</translation>
    </message>
    <message>
        <location filename="../../app/views/dashboard/campaigns_table.py" line="121"/>
        <source>No campaign launched yet (Customers → Campaigns…).</source>
        <translation>尚未启动任何营销活动（客户 → 营销活动…）。</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <location filename="../../app/views/settings/change_password_dialog.py" line="53"/>
        <location filename="../../app/views/settings/change_password_dialog.py" line="78"/>
        <source>Change password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <location filename="../../app/views/settings/change_password_dialog.py" line="56"/>
        <source>The recovery key stays the same and still opens the file. Backups made before the change keep the password they were made with.</source>
        <translation>恢复密钥保持不变，仍可用来打开档案。修改密码之前制作的备份仍使用当时的密码。</translation>
    </message>
    <message>
        <location filename="../../app/views/settings/change_password_dialog.py" line="70"/>
        <source>Current password:</source>
        <translation>当前密码：</translation>
    </message>
    <message>
        <location filename="../../app/views/settings/change_password_dialog.py" line="71"/>
        <source>New password:</source>
        <translation>新密码：</translation>
    </message>
    <message>
        <location filename="../../app/views/settings/change_password_dialog.py" line="73"/>
        <source>Repeat new password:</source>
        <translation>再次输入新密码：</translation>
    </message>
    <message>
        <location filename="../../app/views/settings/change_password_dialog.py" line="100"/>
        <source>The two new passwords differ.</source>
        <translation>两次输入的新密码不一致。</translation>
    </message>
    <message>
        <location filename="../../app/views/settings/change_password_dialog.py" line="102"/>
        <source>The new password is the same as the current one.</source>
        <translation>新密码与当前密码相同。</translation>
    </message>
    <message>
        <location filename="../../app/views/settings/change_password_dialog.py" line="115"/>
        <source>Changing the password…</source>
        <translation>正在修改密码…</translation>
    </message>
    <message>
        <location filename="../../app/views/settings/change_password_dialog.py" line="131"/>
        <source>Password changed</source>
        <translation>密码已修改</translation>
    </message>
    <message>
        <location filename="../../app/views/settings/change_password_dialog.py" line="132"/>
        <source>The password has been changed. The recovery key is unchanged and still opens the file.</source>
        <translation>密码已修改。恢复密钥保持不变，仍可用来打开档案。</translation>
    </message>
    <message>
        <location filename="../../app/views/settings/change_password_dialog.py" line="140"/>
        <source>The current password is wrong. Nothing was changed.</source>
        <translation>当前密码不正确，未做任何修改。</translation>
    </message>
    <message>
        <location filename="../../app/views/settings/change_password_dialog.py" line="146"/>
        <source>The password could not be changed: {0}</source>
        <translation>无法修改密码：{0}</translation>
    </message>
</context>
<context>
    <name>ClvRangeBox</name>
    <message>
        <location filename="../../app/views/customers/clv_range_box.py" line="64"/>
        <source>Predicted value (latest prediction)</source>
        <translation>预测价值（最近一次预测）</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/clv_range_box.py" line="67"/>
        <source>Any value</source>
        <translation>全部预测价值</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/clv_range_box.py" line="69"/>
        <location filename="../../app/views/customers/clv_range_box.py" line="98"/>
        <source>Value ≥ {0}</source>
        <translation>预测价值 ≥ {0}</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/clv_range_box.py" line="70"/>
        <source>Custom…</source>
        <translation>自定义…</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/clv_range_box.py" line="97"/>
        <source>Value ≤ {0}</source>
        <translation>预测价值 ≤ {0}</translation>
    </message>
</context>
<context>
    <name>ClvRangeDialog</name>
    <message>
        <location filename="../../app/views/customers/clv_range_box.py" line="32"/>
        <source>Predicted value range</source>
        <translation>预测价值范围</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/clv_range_box.py" line="39"/>
        <source>no limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/clv_range_box.py" line="44"/>
        <source>&amp;From</source>
        <translation>从(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/clv_range_box.py" line="45"/>
        <source>&amp;To</source>
        <translation>到(&amp;T)</translation>
    </message>
</context>
<context>
    <name>ComplaintsListDialog</name>
    <message>
        <location filename="../../app/views/complaints/complaints_list.py" line="60"/>
        <location filename="../../app/views/complaints/complaints_list.py" line="187"/>
        <source>Complaints</source>
        <translation>投诉列表</translation>
    </message>
    <message>
        <location filename="../../app/views/complaints/complaints_list.py" line="63"/>
        <source>Open or in progress</source>
        <translation>待处理或处理中</translation>
    </message>
    <message>
        <location filename="../../app/views/complaints/complaints_list.py" line="64"/>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../app/views/complaints/complaints_list.py" line="67"/>
        <source>Overdue only</source>
        <translation>仅显示逾期</translation>
    </message>
    <message>
        <location filename="../../app/views/complaints/complaints_list.py" line="68"/>
        <source>Open or in-progress complaints past their deadline</source>
        <translation>已超过处理期限、仍待处理或处理中的投诉</translation>
    </message>
    <message>
        <location filename="../../app/views/complaints/complaints_list.py" line="71"/>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <location filename="../../app/views/complaints/complaints_list.py" line="89"/>
        <source>Double-click a complaint (or press Enter) to open the customer.</source>
        <translation>双击投诉（或按 Enter）可打开对应客户。</translation>
    </message>
    <message>
        <location filename="../../app/views/complaints/complaints_list.py" line="112"/>
        <location filename="../../app/views/complaints/complaints_list.py" line="125"/>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <location filename="../../app/views/complaints/complaints_list.py" line="115"/>
        <source>Opened</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <location filename="../../app/views/complaints/complaints_list.py" line="116"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../app/views/complaints/complaints_list.py" line="117"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../app/views/complaints/complaints_list.py" line="119"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../app/views/complaints/complaints_list.py" line="120"/>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <location filename="../../app/views/complaints/complaints_list.py" line="122"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../app/views/complaints/complaints_list.py" line="123"/>
        <source>Deadline</source>
        <translation>处理期限</translation>
    </message>
    <message>
        <location filename="../../app/views/complaints/complaints_list.py" line="126"/>
        <source>Owner</source>
        <translation>客户经理</translation>
    </message>
    <message>
        <location filename="../../app/views/complaints/complaints_list.py" line="127"/>
        <source>Description</source>
        <translation>问题描述</translation>
    </message>
    <message>
        <location filename="../../app/views/complaints/complaints_list.py" line="177"/>
        <source>1 complaint, {0:,} overdue</source>
        <translation>1 条投诉，其中 {0:,} 条逾期</translation>
    </message>
    <message>
        <location filename="../../app/views/complaints/complaints_list.py" line="179"/>
        <source>{0:,} complaints, {1:,} overdue</source>
        <translation>{0:,} 条投诉，其中 {1:,} 条逾期</translation>
    </message>
    <message>
        <location filename="../../app/views/complaints/complaints_list.py" line="175"/>
        <source>The first {0:,} complaints, {1:,} overdue</source>
        <translation>仅显示前 {0:,} 条投诉，其中 {1:,} 条逾期</translation>
    </message>
    <message>
        <location filename="../../app/views/complaints/complaints_list.py" line="181"/>
        <source>No complaints match these filters.</source>
        <translation>没有符合筛选条件的投诉。</translation>
    </message>
</context>
<context>
    <name>ComplaintsTab</name>
    <message>
        <location filename="../../app/views/dossier/complaints_tab.py" line="53"/>
        <source>Overdue: past the deadline and not resolved</source>
        <translation>逾期：已超过处理期限且尚未解决</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/complaints_tab.py" line="58"/>
        <source>Open complaint…</source>
        <translation>受理投诉…</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/complaints_tab.py" line="59"/>
        <source>Start work</source>
        <translation>开始处理</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/complaints_tab.py" line="60"/>
        <source>Resolve…</source>
        <translation>解决…</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/complaints_tab.py" line="61"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/complaints_tab.py" line="62"/>
        <source>Reopen</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/complaints_tab.py" line="63"/>
        <source>Record a new complaint from this customer</source>
        <translation>登记该客户的一条新投诉</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/complaints_tab.py" line="64"/>
        <source>Someone is working on it</source>
        <translation>标记为处理中：已有人着手处理</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/complaints_tab.py" line="65"/>
        <source>Record how it was resolved</source>
        <translation>记录解决方式</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/complaints_tab.py" line="66"/>
        <source>The customer accepted the resolution</source>
        <translation>客户已接受处理结果</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/complaints_tab.py" line="67"/>
        <source>Not solved after all: open it again (a new deadline from now)</source>
        <translation>问题实际未解决：重新打开（从现在起重新计算处理期限）</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/complaints_tab.py" line="123"/>
        <source>No complaints from this customer.</source>
        <translation>该客户没有投诉记录。</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/complaints_tab.py" line="140"/>
        <source>Description: {0}</source>
        <translation>问题描述：{0}</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/complaints_tab.py" line="142"/>
        <source>Resolution: {0}</source>
        <translation>处理结果：{0}</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/complaints_tab.py" line="145"/>
        <source>resolved {0}</source>
        <translation>解决于 {0}</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/complaints_tab.py" line="147"/>
        <source>closed {0}</source>
        <translation>关闭于 {0}</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/complaints_tab.py" line="149"/>
        <source>satisfaction after {0} of 5</source>
        <translation>处理后满意度 {0}/5</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/complaints_tab.py" line="151"/>
        <source>owner {0}</source>
        <translation>客户经理：{0}</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/complaints_tab.py" line="166"/>
        <source>{0} · {1} · opened {2}</source>
        <translation>{0} · {1} · 受理于 {2}</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/complaints_tab.py" line="182"/>
        <source>Complaint</source>
        <translation>投诉</translation>
    </message>
</context>
<context>
    <name>CompleteReminderDialog</name>
    <message>
        <location filename="../../app/views/reminders/complete_reminder_dialog.py" line="37"/>
        <source>Complete reminder</source>
        <translation>完成提醒</translation>
    </message>
    <message>
        <location filename="../../app/views/reminders/complete_reminder_dialog.py" line="50"/>
        <source>Due {0} · {1}</source>
        <translation>到期：{0} · {1}</translation>
    </message>
    <message>
        <location filename="../../app/views/reminders/complete_reminder_dialog.py" line="54"/>
        <source>What happened? (required)</source>
        <translation>结果如何？（必填）</translation>
    </message>
    <message>
        <location filename="../../app/views/reminders/complete_reminder_dialog.py" line="58"/>
        <source>Outcome:</source>
        <translation>结果：</translation>
    </message>
    <message>
        <location filename="../../app/views/reminders/complete_reminder_dialog.py" line="59"/>
        <source>Channel:</source>
        <translation>渠道：</translation>
    </message>
    <message>
        <location filename="../../app/views/reminders/complete_reminder_dialog.py" line="60"/>
        <source>Purpose:</source>
        <translation>目的：</translation>
    </message>
    <message>
        <location filename="../../app/views/reminders/complete_reminder_dialog.py" line="61"/>
        <source>Satisfaction:</source>
        <translation>满意度：</translation>
    </message>
    <message>
        <location filename="../../app/views/reminders/complete_reminder_dialog.py" line="65"/>
        <source>Choose…</source>
        <translation>请选择…</translation>
    </message>
    <message>
        <location filename="../../app/views/reminders/complete_reminder_dialog.py" line="69"/>
        <source>Campaign result:</source>
        <translation>活动结果：</translation>
    </message>
    <message>
        <location filename="../../app/views/reminders/complete_reminder_dialog.py" line="70"/>
        <source>Survey…</source>
        <translation>问卷…</translation>
    </message>
    <message>
        <location filename="../../app/views/reminders/complete_reminder_dialog.py" line="73"/>
        <source>Questionnaire:</source>
        <translation>问卷：</translation>
    </message>
    <message>
        <location filename="../../app/views/reminders/complete_reminder_dialog.py" line="75"/>
        <source>Complete</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../app/views/reminders/complete_reminder_dialog.py" line="76"/>
        <source>Record the outcome and mark the reminder done (Ctrl+Enter)</source>
        <translation>记录结果并将提醒标记为已完成（Ctrl+Enter）</translation>
    </message>
</context>
<context>
    <name>ConsentDialog</name>
    <message>
        <location filename="../../app/views/privacy/consent_dialog.py" line="38"/>
        <source>Record a consent</source>
        <translation>记录同意</translation>
    </message>
    <message>
        <location filename="../../app/views/privacy/consent_dialog.py" line="39"/>
        <source>Record a withdrawal</source>
        <translation>记录撤回</translation>
    </message>
    <message>
        <location filename="../../app/views/privacy/consent_dialog.py" line="44"/>
        <source>{0} ({1}) consents to:</source>
        <translation>{0}（{1}）同意：</translation>
    </message>
    <message>
        <location filename="../../app/views/privacy/consent_dialog.py" line="45"/>
        <source>{0} ({1}) withdraws the consent to:</source>
        <translation>{0}（{1}）撤回对以下用途的同意：</translation>
    </message>
    <message>
        <location filename="../../app/views/privacy/consent_dialog.py" line="48"/>
        <source>All marketing (phone, SMS and WeChat)</source>
        <translation>全部营销（电话、短信和微信）</translation>
    </message>
    <message>
        <location filename="../../app/views/privacy/consent_dialog.py" line="56"/>
        <source>The day the person gave it, e.g. the date on the signed form; not in the future</source>
        <translation>本人作出同意的日期，例如签字表单上的日期；不能晚于今天</translation>
    </message>
    <message>
        <location filename="../../app/views/privacy/consent_dialog.py" line="61"/>
        <source>The text the person agreed to, as shown or printed</source>
        <translation>向本人展示或打印的告知文字（本人所同意的内容）</translation>
    </message>
    <message>
        <location filename="../../app/views/privacy/consent_dialog.py" line="62"/>
        <source>What the person said or signed, if anything</source>
        <translation>本人所说或所签的内容（如有）</translation>
    </message>
    <message>
        <location filename="../../app/views/privacy/consent_dialog.py" line="65"/>
        <source>Purpose:</source>
        <translation>用途：</translation>
    </message>
    <message>
        <location filename="../../app/views/privacy/consent_dialog.py" line="66"/>
        <source>Channel:</source>
        <translation>渠道：</translation>
    </message>
    <message>
        <location filename="../../app/views/privacy/consent_dialog.py" line="67"/>
        <source>Given on:</source>
        <translation>同意日期：</translation>
    </message>
    <message>
        <location filename="../../app/views/privacy/consent_dialog.py" line="67"/>
        <source>Withdrawn on:</source>
        <translation>撤回日期：</translation>
    </message>
    <message>
        <location filename="../../app/views/privacy/consent_dialog.py" line="69"/>
        <source>Wording shown:</source>
        <translation>告知文字：</translation>
    </message>
    <message>
        <location filename="../../app/views/privacy/consent_dialog.py" line="70"/>
        <source>Note:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <location filename="../../app/views/privacy/consent_dialog.py" line="71"/>
        <source>The entry is added to the history; earlier entries are never changed.</source>
        <translation>此条记录将追加到历史中；以前的记录永不修改。</translation>
    </message>
    <message>
        <location filename="../../app/views/privacy/consent_dialog.py" line="76"/>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../../app/views/privacy/consent_dialog.py" line="90"/>
        <source>“{0}” is not a date; e.g. {1}.</source>
        <translation>“{0}”不是日期；例如 {1}。</translation>
    </message>
</context>
<context>
    <name>ConsentTab</name>
    <message>
        <location filename="../../app/views/dossier/consent_tab.py" line="55"/>
        <location filename="../../app/views/dossier/consent_tab.py" line="66"/>
        <source>Purpose</source>
        <translation>用途</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/consent_tab.py" line="56"/>
        <source>Now</source>
        <translation>当前</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/consent_tab.py" line="58"/>
        <source>Since</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/consent_tab.py" line="59"/>
        <location filename="../../app/views/dossier/consent_tab.py" line="68"/>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/consent_tab.py" line="61"/>
        <location filename="../../app/views/dossier/consent_tab.py" line="71"/>
        <source>Recorded by</source>
        <translation>记录人</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/consent_tab.py" line="65"/>
        <source>Given on</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/consent_tab.py" line="67"/>
        <source>Entry</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/consent_tab.py" line="69"/>
        <source>Wording shown</source>
        <translation>告知文字</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/consent_tab.py" line="70"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/consent_tab.py" line="72"/>
        <source>Recorded at</source>
        <translation>记录时间</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/consent_tab.py" line="89"/>
        <source>Record consent…</source>
        <translation>记录同意…</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/consent_tab.py" line="90"/>
        <source>The person agreed to a purpose: say how and with which wording</source>
        <translation>本人同意了某项用途：记录同意的方式和告知文字</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/consent_tab.py" line="92"/>
        <source>Record withdrawal…</source>
        <translation>记录撤回…</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/consent_tab.py" line="93"/>
        <source>The person withdrew a consent: a new entry, the earlier ones stay</source>
        <translation>本人撤回了同意：新增一条记录，以前的记录保留</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/consent_tab.py" line="104"/>
        <source>State now</source>
        <translation>当前状态</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/dossier/consent_tab.py" line="120"/>
        <source>History: %n entry(ies), newest first; a withdrawal is a new entry, nothing is rewritten.</source>
        <translation>
            <numerusform>历史：%n 条记录，最新的在前；撤回是新增的一条记录，任何记录都不会被改写。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/consent_tab.py" line="122"/>
        <source>History: nothing recorded yet.</source>
        <translation>历史：尚无记录。</translation>
    </message>
</context>
<context>
    <name>ConsentWords</name>
    <message>
        <location filename="../../app/views/privacy/words.py" line="14"/>
        <source>Marketing by phone</source>
        <translation>电话营销</translation>
    </message>
    <message>
        <location filename="../../app/views/privacy/words.py" line="15"/>
        <source>Marketing by SMS</source>
        <translation>短信营销</translation>
    </message>
    <message>
        <location filename="../../app/views/privacy/words.py" line="16"/>
        <source>Marketing by WeChat</source>
        <translation>微信营销</translation>
    </message>
    <message>
        <location filename="../../app/views/privacy/words.py" line="17"/>
        <source>Sharing with head office</source>
        <translation>向总部共享</translation>
    </message>
    <message>
        <location filename="../../app/views/privacy/words.py" line="18"/>
        <source>Sensitive information (financial accounts, ID documents)</source>
        <translation>处理敏感个人信息（金融账户、身份证件）</translation>
    </message>
    <message>
        <location filename="../../app/views/privacy/words.py" line="22"/>
        <source>At the counter</source>
        <translation>柜面</translation>
    </message>
    <message>
        <location filename="../../app/views/privacy/words.py" line="23"/>
        <source>Paper form</source>
        <translation>纸质表单</translation>
    </message>
    <message>
        <location filename="../../app/views/privacy/words.py" line="24"/>
        <source>By phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../app/views/privacy/words.py" line="25"/>
        <source>By SMS</source>
        <translation>短信</translation>
    </message>
    <message>
        <location filename="../../app/views/privacy/words.py" line="26"/>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <location filename="../../app/views/privacy/words.py" line="27"/>
        <source>Online</source>
        <translation>线上</translation>
    </message>
    <message>
        <location filename="../../app/views/privacy/words.py" line="28"/>
        <source>The profile&apos;s marketing box</source>
        <translation>资料中的营销勾选</translation>
    </message>
    <message>
        <location filename="../../app/views/privacy/words.py" line="29"/>
        <source>An imported workbook</source>
        <translation>导入的表格</translation>
    </message>
    <message>
        <location filename="../../app/views/privacy/words.py" line="30"/>
        <source>The flag kept before the ledger</source>
        <translation>台账之前的标记</translation>
    </message>
    <message>
        <location filename="../../app/views/privacy/words.py" line="54"/>
        <source>Never asked</source>
        <translation>未征询</translation>
    </message>
    <message>
        <location filename="../../app/views/privacy/words.py" line="56"/>
        <source>Granted</source>
        <translation>已同意</translation>
    </message>
    <message>
        <location filename="../../app/views/privacy/words.py" line="57"/>
        <source>Withdrawn</source>
        <translation>已撤回</translation>
    </message>
</context>
<context>
    <name>ConsolidateDialog</name>
    <message>
        <location filename="../../app/views/exports/consolidate_dialog.py" line="51"/>
        <source>Consolidate branch workbooks</source>
        <translation>合并网点工作簿</translation>
    </message>
    <message>
        <location filename="../../app/views/exports/consolidate_dialog.py" line="56"/>
        <source>&amp;Add workbooks…</source>
        <translation>添加工作簿(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../app/views/exports/consolidate_dialog.py" line="58"/>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/views/exports/consolidate_dialog.py" line="64"/>
        <source>Branch workbooks (Kehu exports):</source>
        <translation>网点工作簿（客户档案导出文件）：</translation>
    </message>
    <message>
        <location filename="../../app/views/exports/consolidate_dialog.py" line="69"/>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../app/views/exports/consolidate_dialog.py" line="74"/>
        <source>Consolidated workbook:</source>
        <translation>合并结果：</translation>
    </message>
    <message>
        <location filename="../../app/views/exports/consolidate_dialog.py" line="77"/>
        <source>Only for password-protected workbooks</source>
        <translation>仅用于受密码保护的工作簿</translation>
    </message>
    <message>
        <location filename="../../app/views/exports/consolidate_dialog.py" line="78"/>
        <source>Workbook password:</source>
        <translation>工作簿密码：</translation>
    </message>
    <message>
        <location filename="../../app/views/exports/consolidate_dialog.py" line="79"/>
        <source>Merge the valid workbooks even if some are refused</source>
        <translation>即使部分工作簿被拒绝，也合并有效的工作簿</translation>
    </message>
    <message>
        <location filename="../../app/views/exports/consolidate_dialog.py" line="84"/>
        <source>Each workbook is checked against its manifest before anything is merged.</source>
        <translation>合并前会按清单逐一校验每个工作簿。</translation>
    </message>
    <message>
        <location filename="../../app/views/exports/consolidate_dialog.py" line="88"/>
        <source>&amp;Consolidate</source>
        <translation>合并(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../app/views/exports/consolidate_dialog.py" line="105"/>
        <source>Branch workbooks</source>
        <translation>网点工作簿</translation>
    </message>
    <message>
        <location filename="../../app/views/exports/consolidate_dialog.py" line="106"/>
        <location filename="../../app/views/exports/consolidate_dialog.py" line="116"/>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../app/views/exports/consolidate_dialog.py" line="114"/>
        <source>Consolidated workbook</source>
        <translation>合并结果工作簿</translation>
    </message>
    <message>
        <location filename="../../app/views/exports/consolidate_dialog.py" line="126"/>
        <source>Add the branches&apos; workbooks first.</source>
        <translation>请先添加各网点的工作簿。</translation>
    </message>
    <message>
        <location filename="../../app/views/exports/consolidate_dialog.py" line="133"/>
        <source>Checking and merging…</source>
        <translation>正在校验并合并…</translation>
    </message>
    <message>
        <location filename="../../app/views/exports/consolidate_dialog.py" line="134"/>
        <source>Consolidating…</source>
        <translation>正在合并…</translation>
    </message>
    <message>
        <location filename="../../app/views/exports/consolidate_dialog.py" line="145"/>
        <source>Consolidated {0:,} customers into {1}.</source>
        <translation>已将 {0:,} 位客户合并到 {1}。</translation>
    </message>
    <message>
        <location filename="../../app/views/exports/consolidate_dialog.py" line="149"/>
        <source>Merged {0}: {1}, {2:,} customers</source>
        <translation>已合并 {0}：{1}，{2:,} 位客户</translation>
    </message>
    <message>
        <location filename="../../app/views/exports/consolidate_dialog.py" line="152"/>
        <source>Refused {0}: {1}</source>
        <translation>已拒绝 {0}：{1}</translation>
    </message>
    <message>
        <location filename="../../app/views/exports/consolidate_dialog.py" line="153"/>
        <source>{0:,} customers appear in more than one branch (see the 冲突 sheet).</source>
        <translation>{0:,} 位客户出现在多个网点（见“冲突”工作表）。</translation>
    </message>
</context>
<context>
    <name>CouponIssueDialog</name>
    <message>
        <location filename="../../app/views/loyalty/coupon_issue_dialog.py" line="31"/>
        <source>Issue coupons to a segment</source>
        <translation>向分群发放优惠券</translation>
    </message>
    <message>
        <location filename="../../app/views/loyalty/coupon_issue_dialog.py" line="32"/>
        <source>Every member of the segment gets a coupon of their own; members on a storage-only hold are left out.</source>
        <translation>分群中的每位成员各得一张优惠券；处于保留冻结的成员不发放。</translation>
    </message>
    <message>
        <location filename="../../app/views/loyalty/coupon_issue_dialog.py" line="41"/>
        <source>An amount off</source>
        <translation>立减金额</translation>
    </message>
    <message>
        <location filename="../../app/views/loyalty/coupon_issue_dialog.py" line="42"/>
        <source>A discount</source>
        <translation>折扣</translation>
    </message>
    <message>
        <location filename="../../app/views/loyalty/coupon_issue_dialog.py" line="54"/>
        <source>Segment:</source>
        <translation>分群：</translation>
    </message>
    <message>
        <location filename="../../app/views/loyalty/coupon_issue_dialog.py" line="55"/>
        <source>Offer:</source>
        <translation>优惠方式：</translation>
    </message>
    <message>
        <location filename="../../app/views/loyalty/coupon_issue_dialog.py" line="56"/>
        <source>Value:</source>
        <translation>面值：</translation>
    </message>
    <message>
        <location filename="../../app/views/loyalty/coupon_issue_dialog.py" line="57"/>
        <source>Discount:</source>
        <translation>折扣：</translation>
    </message>
    <message>
        <location filename="../../app/views/loyalty/coupon_issue_dialog.py" line="58"/>
        <source>Valid until:</source>
        <translation>有效期至：</translation>
    </message>
    <message>
        <location filename="../../app/views/loyalty/coupon_issue_dialog.py" line="60"/>
        <source>No saved segment yet: save one from the customer list first.</source>
        <translation>尚无已保存的分群：请先在客户列表中保存一个分群。</translation>
    </message>
    <message>
        <location filename="../../app/views/loyalty/coupon_issue_dialog.py" line="62"/>
        <source>Issue</source>
        <translation>发放</translation>
    </message>
    <message>
        <location filename="../../app/views/loyalty/coupon_issue_dialog.py" line="81"/>
        <source>“{0}” is not a date; e.g. {1}.</source>
        <translation>“{0}”不是日期；例如 {1}。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/loyalty/coupon_issue_dialog.py" line="94"/>
        <source>%n coupon(s) issued to segment “{0}”.</source>
        <translation>
            <numerusform>已向分群“{0}”发放 %n 张优惠券。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/loyalty/coupon_issue_dialog.py" line="97"/>
        <source>%n member(s) on hold left out.</source>
        <translation>
            <numerusform>%n 位处于保留冻结的成员未发放。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../../app/views/shell/crash_dialog.py" line="28"/>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/crash_dialog.py" line="29"/>
        <source>Kehu met an error it did not expect. Your saved data is safe; the action you were doing may not have finished.

{0}</source>
        <translation>程序遇到了意外错误。已保存的数据是安全的；刚才的操作可能没有完成。

{0}</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/crash_dialog.py" line="35"/>
        <source>Copy details</source>
        <translation>复制详细信息</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/crash_dialog.py" line="50"/>
        <source>Kehu</source>
        <translation>客户档案</translation>
    </message>
</context>
<context>
    <name>CreateFileDialog</name>
    <message>
        <location filename="../../app/views/files/create_file_dialog.py" line="26"/>
        <source>Create a customer file</source>
        <translation>创建客户档案</translation>
    </message>
    <message>
        <location filename="../../app/views/files/create_file_dialog.py" line="29"/>
        <source>No customer file yet. Kehu keeps all customer data in one encrypted file:
{0}</source>
        <translation>还没有客户档案。客户档案的全部数据保存在一个加密文件中：
{0}</translation>
    </message>
    <message>
        <location filename="../../app/views/files/create_file_dialog.py" line="39"/>
        <source>Fill it with demo customers to try Kehu out</source>
        <translation>填入演示客户数据，先试用一下</translation>
    </message>
    <message>
        <location filename="../../app/views/files/create_file_dialog.py" line="41"/>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <location filename="../../app/views/files/create_file_dialog.py" line="43"/>
        <source>Repeat:</source>
        <translation>再次输入：</translation>
    </message>
    <message>
        <location filename="../../app/views/files/create_file_dialog.py" line="47"/>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <location filename="../../app/views/files/create_file_dialog.py" line="63"/>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>CustomerListPanel</name>
    <message>
        <location filename="../../app/views/customers/customer_list_panel.py" line="99"/>
        <source>Search name, pinyin, initials, phone or code</source>
        <translation>搜索姓名、拼音、首字母、电话或客户编号</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/customer_list_panel.py" line="101"/>
        <source>Search customers</source>
        <translation>搜索客户</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/customer_filter_bar.py" line="59"/>
        <source>All owners</source>
        <translation>全部客户经理</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/customer_filter_bar.py" line="60"/>
        <source>Account manager</source>
        <translation>客户经理</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/customer_filter_bar.py" line="61"/>
        <source>All regions</source>
        <translation>全部区域</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/customer_filter_bar.py" line="62"/>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/customer_filter_bar.py" line="63"/>
        <source>All tags</source>
        <translation>全部标签</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/customer_filter_bar.py" line="64"/>
        <source>Tag</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/customer_filter_bar.py" line="65"/>
        <source>All tiers</source>
        <translation>全部等级</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/customer_filter_bar.py" line="66"/>
        <source>Value tier</source>
        <translation>价值等级</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/customer_filter_bar.py" line="69"/>
        <source>All stages</source>
        <translation>全部阶段</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/customer_filter_bar.py" line="70"/>
        <source>Lifecycle stage</source>
        <translation>生命周期阶段</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/customer_filter_bar.py" line="75"/>
        <source>All segments</source>
        <translation>全部分群</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/customer_filter_bar.py" line="76"/>
        <source>Saved segment</source>
        <translation>已保存的分群</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/customer_filter_bar.py" line="79"/>
        <source>Save as segment…</source>
        <translation>保存为分群…</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/customer_filter_bar.py" line="85"/>
        <source>Show all customers again</source>
        <translation>重新显示全部客户</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/customer_filter_bar.py" line="89"/>
        <source>Trash</source>
        <translation>回收站</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/customer_filter_bar.py" line="92"/>
        <source>Show only the customers in the trash</source>
        <translation>只显示回收站中的客户</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/customer_filter_bar.py" line="135"/>
        <source>The trash cannot be saved as a segment.</source>
        <translation>回收站不能保存为分群。</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/customer_filter_bar.py" line="137"/>
        <source>A dashboard drill-down is a list of customers no condition says; it cannot be saved as a segment.</source>
        <translation>仪表盘钻取的客户名单无法用条件表达，不能保存为分群。</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/customer_filter_bar.py" line="141"/>
        <source>Choose an owner, region, tag, tier, stage or value range first.</source>
        <translation>请先选择客户经理、地区、标签、层级、阶段或价值范围。</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/customer_filter_bar.py" line="146"/>
        <source>Save the chosen filters as a segment, to use again in the list and in exports</source>
        <translation>把所选筛选条件保存为分群，可在列表和导出中再次使用</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/customer_list_panel.py" line="301"/>
        <source>The list could not be read.</source>
        <translation>无法读取客户列表。</translation>
    </message>
</context>
<context>
    <name>CustomerSegmentSaver</name>
    <message>
        <location filename="../../app/views/customers/customer_segment_saver.py" line="20"/>
        <source>Save as segment</source>
        <translation>保存为分群</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/customer_segment_saver.py" line="31"/>
        <source>The conditions: %1
Name of the segment:</source>
        <translation>条件：%1
分群名称：</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/customer_segment_saver.py" line="37"/>
        <source>A segment named “%1” exists already. Replace its conditions with these?</source>
        <translation>已有名为“%1”的分群。要用这些条件替换它的条件吗？</translation>
    </message>
</context>
<context>
    <name>CustomerTableModel</name>
    <message>
        <location filename="../../app/views/customers/customer_table_model.py" line="217"/>
        <source>1 match</source>
        <translation>1 条匹配结果</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/customer_table_model.py" line="217"/>
        <source>{0} matches</source>
        <translation>{0} 条匹配结果</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/customer_table_model.py" line="219"/>
        <source>{0} in the trash</source>
        <translation>回收站中有 {0} 位客户</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/customer_table_model.py" line="220"/>
        <source>1 customer</source>
        <translation>1 位客户</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/customer_table_model.py" line="220"/>
        <source>{0} customers</source>
        <translation>{0} 位客户</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/customer_table_model.py" line="230"/>
        <source>No matches for “{0}”.</source>
        <translation>没有与“{0}”匹配的客户。</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/customer_table_model.py" line="231"/>
        <source>Try clearing the filters.</source>
        <translation>请尝试清除筛选条件。</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/customer_table_model.py" line="233"/>
        <source>No customers match these filters.</source>
        <translation>没有符合筛选条件的客户。</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/customer_table_model.py" line="235"/>
        <source>The trash is empty.</source>
        <translation>回收站为空。</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/customer_table_model.py" line="236"/>
        <source>No customers yet.
Add the first one with New customer ({0}).</source>
        <translation>还没有客户。
可通过“新建客户”（{0}）添加第一位客户。</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/customer_table_model.py" line="436"/>
        <source>In the trash since {0}</source>
        <translation>已于 {0} 移入回收站</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/customer_table_model.py" line="444"/>
        <location filename="../../app/views/customers/customer_table_model.py" line="462"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/customer_table_model.py" line="452"/>
        <location filename="../../app/views/customers/customer_table_model.py" line="465"/>
        <source>Code</source>
        <translation>客户编号</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/customer_table_model.py" line="452"/>
        <location filename="../../app/views/customers/customer_table_model.py" line="465"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/customer_table_model.py" line="452"/>
        <location filename="../../app/views/customers/customer_table_model.py" line="465"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/customer_table_model.py" line="453"/>
        <source>Second phone</source>
        <translation>备用电话</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/customer_table_model.py" line="453"/>
        <source>Pinyin</source>
        <translation>拼音</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/customer_table_model.py" line="454"/>
        <source>Pinyin initials</source>
        <translation>拼音首字母</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/customer_table_model.py" line="454"/>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/customer_table_model.py" line="465"/>
        <source>Owner</source>
        <translation>客户经理</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/customer_table_model.py" line="466"/>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/customer_table_model.py" line="466"/>
        <source>Branch</source>
        <translation>网点</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/customer_table_model.py" line="466"/>
        <source>Created</source>
        <translation>建档日期</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/customer_table_model.py" line="466"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/customer_table_model.py" line="467"/>
        <source>Tier</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/customer_table_model.py" line="467"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/customer_table_model.py" line="467"/>
        <source>Predicted value</source>
        <translation>预测价值</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/customer_table_model.py" line="468"/>
        <source>Matched</source>
        <translation>匹配</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/customer_table_model.py" line="468"/>
        <source>Level</source>
        <translation>会员</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/customer_table_model.py" line="477"/>
        <source>This column cannot be sorted</source>
        <translation>此列不能排序</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/customer_table_model.py" line="479"/>
        <source>Predicted value over the coming days, from the latest prediction run; empty for a customer without purchases</source>
        <translation>未来一段时间的预测价值，取自最近一次预测；没有购买记录的客户为空</translation>
    </message>
</context>
<context>
    <name>CustomerTableView</name>
    <message>
        <location filename="../../app/views/customers/customer_table_view.py" line="123"/>
        <source>Columns</source>
        <translation>显示的列</translation>
    </message>
</context>
<context>
    <name>DashboardFilterBar</name>
    <message>
        <location filename="../../app/views/dashboard/dashboard_filter_bar.py" line="35"/>
        <source>Last 12 months</source>
        <translation>近 12 个月</translation>
    </message>
    <message>
        <location filename="../../app/views/dashboard/dashboard_filter_bar.py" line="35"/>
        <source>Last 3 months</source>
        <translation>近 3 个月</translation>
    </message>
    <message>
        <location filename="../../app/views/dashboard/dashboard_filter_bar.py" line="36"/>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <location filename="../../app/views/dashboard/dashboard_filter_bar.py" line="36"/>
        <source>This quarter</source>
        <translation>本季度</translation>
    </message>
    <message>
        <location filename="../../app/views/dashboard/dashboard_filter_bar.py" line="37"/>
        <source>This year</source>
        <translation>今年</translation>
    </message>
    <message>
        <location filename="../../app/views/dashboard/dashboard_filter_bar.py" line="37"/>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <location filename="../../app/views/dashboard/dashboard_filter_bar.py" line="49"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../app/views/dashboard/dashboard_filter_bar.py" line="50"/>
        <source>Read the figures again (F5)</source>
        <translation>重新读取数据（F5）</translation>
    </message>
    <message>
        <location filename="../../app/views/dashboard/dashboard_filter_bar.py" line="51"/>
        <source>Export PDF…</source>
        <translation>导出 PDF…</translation>
    </message>
    <message>
        <location filename="../../app/views/dashboard/dashboard_filter_bar.py" line="53"/>
        <source>Save the dashboard as a multi-page PDF, with each chart as a PNG</source>
        <translation>将看板导出为多页 PDF，并将每张图表另存为 PNG</translation>
    </message>
    <message>
        <location filename="../../app/views/dashboard/dashboard_filter_bar.py" line="56"/>
        <source>Period:</source>
        <translation>时间段：</translation>
    </message>
    <message>
        <location filename="../../app/views/dashboard/dashboard_filter_bar.py" line="57"/>
        <source>Owner:</source>
        <translation>客户经理：</translation>
    </message>
    <message>
        <location filename="../../app/views/dashboard/dashboard_filter_bar.py" line="58"/>
        <source>Region:</source>
        <translation>区域：</translation>
    </message>
    <message>
        <location filename="../../app/views/dashboard/dashboard_filter_bar.py" line="79"/>
        <source>All owners</source>
        <translation>全部客户经理</translation>
    </message>
    <message>
        <location filename="../../app/views/dashboard/dashboard_filter_bar.py" line="80"/>
        <source>All regions</source>
        <translation>全部区域</translation>
    </message>
</context>
<context>
    <name>DashboardPanel</name>
    <message>
        <location filename="../../app/views/dashboard/dashboard_panel.py" line="159"/>
        <source>Customers</source>
        <translation>客户数</translation>
    </message>
    <message>
        <location filename="../../app/views/dashboard/dashboard_panel.py" line="159"/>
        <source>Active in the last 90 days</source>
        <translation>近 90 天活跃</translation>
    </message>
    <message>
        <location filename="../../app/views/dashboard/dashboard_panel.py" line="160"/>
        <location filename="../../app/views/dashboard/dashboard_panel.py" line="223"/>
        <source>New this month</source>
        <translation>本月新增</translation>
    </message>
    <message>
        <location filename="../../app/views/dashboard/dashboard_panel.py" line="160"/>
        <source>At risk</source>
        <translation>有流失风险</translation>
    </message>
    <message>
        <location filename="../../app/views/dashboard/dashboard_panel.py" line="161"/>
        <location filename="../../app/views/dashboard/dashboard_panel.py" line="225"/>
        <source>Churned this quarter</source>
        <translation>本季度流失</translation>
    </message>
    <message>
        <location filename="../../app/views/dashboard/dashboard_panel.py" line="162"/>
        <source>Revisits done / planned this month</source>
        <translation>本月回访 完成 / 计划</translation>
    </message>
    <message>
        <location filename="../../app/views/dashboard/dashboard_panel.py" line="163"/>
        <source>Satisfaction score (0–100)</source>
        <translation>满意度得分（百分制）</translation>
    </message>
    <message>
        <location filename="../../app/views/dashboard/dashboard_panel.py" line="164"/>
        <source>Open complaints</source>
        <translation>未结投诉</translation>
    </message>
    <message>
        <location filename="../../app/views/dashboard/dashboard_panel.py" line="165"/>
        <source>Overdue complaints</source>
        <translation>逾期投诉</translation>
    </message>
    <message>
        <location filename="../../app/views/dashboard/dashboard_panel.py" line="169"/>
        <location filename="../../app/views/dashboard/dashboard_panel.py" line="313"/>
        <source>Click to list: {0}</source>
        <translation>点击列出：{0}</translation>
    </message>
    <message>
        <location filename="../../app/views/dashboard/dashboard_panel.py" line="175"/>
        <source>Survey comments…</source>
        <translation>问卷文字意见…</translation>
    </message>
    <message>
        <location filename="../../app/views/dashboard/dashboard_panel.py" line="178"/>
        <source>The month&apos;s free-text survey answers, for reading</source>
        <translation>查看本月问卷中的文字意见</translation>
    </message>
    <message>
        <location filename="../../app/views/dashboard/dashboard_panel.py" line="187"/>
        <source>Click a bar to list its customers</source>
        <translation>点击柱条可列出对应客户</translation>
    </message>
    <message>
        <location filename="../../app/views/dashboard/dashboard_panel.py" line="198"/>
        <source>Staff performance</source>
        <translation>员工绩效</translation>
    </message>
    <message>
        <location filename="../../app/views/dashboard/dashboard_panel.py" line="221"/>
        <source>All customers in the filter</source>
        <translation>筛选范围内的全部客户</translation>
    </message>
    <message>
        <location filename="../../app/views/dashboard/dashboard_panel.py" line="222"/>
        <source>Active in the last 90 days (a purchase or a contact)</source>
        <translation>近 90 天活跃（有购买或联系）</translation>
    </message>
    <message>
        <location filename="../../app/views/dashboard/dashboard_panel.py" line="224"/>
        <source>At risk of churning</source>
        <translation>有流失风险</translation>
    </message>
    <message>
        <location filename="../../app/views/dashboard/dashboard_panel.py" line="226"/>
        <source>Revisits planned this month, not done yet</source>
        <translation>本月计划回访尚未完成</translation>
    </message>
    <message>
        <location filename="../../app/views/dashboard/dashboard_panel.py" line="228"/>
        <source>With an open complaint</source>
        <translation>有未结投诉</translation>
    </message>
    <message>
        <location filename="../../app/views/dashboard/dashboard_panel.py" line="229"/>
        <source>With an overdue complaint</source>
        <translation>有逾期投诉</translation>
    </message>
    <message>
        <location filename="../../app/views/dashboard/dashboard_panel.py" line="261"/>
        <source>Reading the figures…</source>
        <translation>正在读取数据…</translation>
    </message>
    <message>
        <location filename="../../app/views/dashboard/dashboard_panel.py" line="292"/>
        <source>{0:,} without a tier yet</source>
        <translation>{0:,} 位尚未计算等级</translation>
    </message>
    <message>
        <location filename="../../app/views/dashboard/dashboard_panel.py" line="277"/>
        <source>Drawing the charts…</source>
        <translation>正在绘制图表…</translation>
    </message>
    <message>
        <location filename="../../app/views/dashboard/dashboard_panel.py" line="227"/>
        <source>Survey score below the target this month</source>
        <translation>本月问卷评分低于目标的客户</translation>
    </message>
    <message>
        <location filename="../../app/views/dashboard/dashboard_panel.py" line="304"/>
        <source>{0}: no survey responses; target {1:g}</source>
        <translation>{0}：没有问卷回答；目标 {1:g} 分</translation>
    </message>
    <message>
        <location filename="../../app/views/dashboard/dashboard_panel.py" line="309"/>
        <source>{0}: {1:,} responses, NPS {2}; target {3:g}</source>
        <translation>{0}：{1:,} 份回答，NPS {2}；目标 {3:g} 分</translation>
    </message>
    <message>
        <location filename="../../app/views/dashboard/dashboard_panel.py" line="314"/>
        <source>Score per month:</source>
        <translation>每月得分：</translation>
    </message>
    <message>
        <location filename="../../app/views/dashboard/dashboard_panel.py" line="380"/>
        <source>{0} to {1}; figures as of {2:%Y-%m-%d %H:%M}.</source>
        <translation>{0} 至 {1}；数据截至 {2:%Y-%m-%d %H:%M}。</translation>
    </message>
    <message>
        <location filename="../../app/views/dashboard/dashboard_panel.py" line="415"/>
        <source>The customer file is locked.</source>
        <translation>客户档案已锁定。</translation>
    </message>
    <message>
        <location filename="../../app/views/dashboard/dashboard_panel.py" line="469"/>
        <location filename="../../app/views/dashboard/dashboard_panel.py" line="502"/>
        <source>Export the dashboard</source>
        <translation>导出看板</translation>
    </message>
    <message>
        <location filename="../../app/views/dashboard/dashboard_panel.py" line="470"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../app/views/dashboard/dashboard_panel.py" line="480"/>
        <location filename="../../app/views/dashboard/dashboard_panel.py" line="483"/>
        <source>Writing the report…</source>
        <translation>正在生成报表…</translation>
    </message>
    <message>
        <location filename="../../app/views/dashboard/dashboard_panel.py" line="490"/>
        <source>Report written: {0} ({1} pages); charts as PNG in {2}</source>
        <translation>报表已写入：{0}（共 {1} 页）；图表 PNG 位于 {2}</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <location filename="../../app/views/dossier/date_field.py" line="53"/>
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/date_field.py" line="54"/>
        <source>For example 1990-03-07 or 1990年3月7日; may be left empty.</source>
        <translation>例如 1990-03-07 或 1990年3月7日；可以留空。</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/date_field.py" line="58"/>
        <source>Pick a date</source>
        <translation>选择日期</translation>
    </message>
</context>
<context>
    <name>DemoFill</name>
    <message>
        <location filename="../../app/views/files/demo_fill.py" line="18"/>
        <source>Generating demo customers…</source>
        <translation>正在生成演示客户…</translation>
    </message>
    <message>
        <location filename="../../app/views/files/demo_fill.py" line="19"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>DossierColumns</name>
    <message>
        <location filename="../../app/views/dossier/dossier_columns.py" line="29"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/dossier_columns.py" line="30"/>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/dossier_columns.py" line="31"/>
        <source>Direction</source>
        <translation>发起方</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/dossier_columns.py" line="32"/>
        <source>Purpose</source>
        <translation>目的</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/dossier_columns.py" line="33"/>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/dossier_columns.py" line="34"/>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/dossier_columns.py" line="35"/>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/dossier_columns.py" line="36"/>
        <source>Staff</source>
        <translation>经办人</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/dossier_columns.py" line="37"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/dossier_columns.py" line="38"/>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/dossier_columns.py" line="39"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/dossier_columns.py" line="40"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/dossier_columns.py" line="41"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/dossier_columns.py" line="42"/>
        <source>Due</source>
        <translation>到期时间</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/dossier_columns.py" line="43"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/dossier_columns.py" line="44"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/dossier_columns.py" line="45"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/dossier_columns.py" line="46"/>
        <source>Opened</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/dossier_columns.py" line="47"/>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/dossier_columns.py" line="48"/>
        <source>Deadline</source>
        <translation>处理期限</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/dossier_columns.py" line="49"/>
        <source>Computed at</source>
        <translation>评定时间</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/dossier_columns.py" line="50"/>
        <source>Value tier</source>
        <translation>价值等级</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/dossier_columns.py" line="51"/>
        <source>Churn risk</source>
        <translation>流失风险</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/dossier_columns.py" line="52"/>
        <source>Lifecycle stage</source>
        <translation>生命周期阶段</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/dossier_columns.py" line="53"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/dossier_columns.py" line="110"/>
        <source>{0} · overdue</source>
        <translation>{0} · 逾期</translation>
    </message>
</context>
<context>
    <name>DossierPanel</name>
    <message>
        <location filename="../../app/views/dossier/dossier_panel.py" line="134"/>
        <source>Move to trash</source>
        <translation>移入回收站</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/dossier_panel.py" line="135"/>
        <source>Copy for the person…</source>
        <translation>个人信息副本…</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/dossier_panel.py" line="137"/>
        <source>Everything the file holds about this customer, unmasked, as one workbook (PIPL Art. 45)</source>
        <translation>本文件中该客户的全部个人信息（未脱敏），导出为一个工作簿（《个人信息保护法》第四十五条）</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/dossier_panel.py" line="149"/>
        <source>Survey…</source>
        <translation>问卷…</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/dossier_panel.py" line="160"/>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/dossier_panel.py" line="161"/>
        <source>Purge…</source>
        <translation>彻底删除…</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/dossier_panel.py" line="162"/>
        <source>Delete this customer and all their records for good</source>
        <translation>彻底删除该客户及其全部记录</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/dossier_panel.py" line="174"/>
        <source>This customer has no purchases yet.</source>
        <translation>该客户尚无购买记录。</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/dossier_panel.py" line="179"/>
        <source>No tier computed yet: tiers are computed from the purchase history.</source>
        <translation>尚未评定等级：等级根据购买记录计算。</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/dossier_panel.py" line="204"/>
        <source>Select a customer in the list to see the dossier, or add a new customer.</source>
        <translation>在列表中选择一位客户以查看其详情，或新建客户。</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/dossier_panel.py" line="229"/>
        <source>Profile</source>
        <translation>资料</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/dossier_panel.py" line="229"/>
        <source>Purchases</source>
        <translation>购买</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/dossier_panel.py" line="229"/>
        <source>Timeline</source>
        <translation>联系</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/dossier_panel.py" line="230"/>
        <location filename="../../app/views/dossier/dossier_panel.py" line="233"/>
        <source>Reminders</source>
        <translation>提醒</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/dossier_panel.py" line="230"/>
        <location filename="../../app/views/dossier/dossier_panel.py" line="233"/>
        <source>Complaints</source>
        <translation>投诉</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/dossier_panel.py" line="230"/>
        <source>Tiers</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/dossier_panel.py" line="231"/>
        <source>Consent</source>
        <translation>同意</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/dossier_panel.py" line="231"/>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/dossier_panel.py" line="232"/>
        <source>Customer profile</source>
        <translation>客户资料</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/dossier_panel.py" line="232"/>
        <source>Contact timeline</source>
        <translation>联系记录</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/dossier_panel.py" line="233"/>
        <source>Purchase records</source>
        <translation>购买记录</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/dossier_panel.py" line="234"/>
        <source>Tier history</source>
        <translation>等级记录</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/dossier_panel.py" line="234"/>
        <source>Customer portrait</source>
        <translation>客户画像</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/dossier_panel.py" line="235"/>
        <source>Points, member level and coupons</source>
        <translation>积分、会员等级与优惠券</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/dossier_panel.py" line="236"/>
        <source>Consents and withdrawals (PIPL)</source>
        <translation>同意与撤回记录（个人信息保护法）</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/dossier_panel.py" line="244"/>
        <source>{0} {1:,}</source>
        <translation>{0} {1:,}</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/dossier_panel.py" line="245"/>
        <source>{0}: {1:,}</source>
        <translation>{0}：{1:,}</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/dossier_panel.py" line="231"/>
        <source>Portrait</source>
        <translation>画像</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/dossier_panel.py" line="302"/>
        <location filename="../../app/views/dossier/dossier_panel.py" line="493"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/dossier_panel.py" line="384"/>
        <source>Could not read this customer</source>
        <translation>无法读取该客户</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/header_text.py" line="23"/>
        <source>{0:,} purchases, {1} in total. Last purchase {2}, first {3}.</source>
        <translation>共 {0:,} 笔购买，合计 {1}。最近一次购买于 {2}，首次购买于 {3}。</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/header_text.py" line="39"/>
        <source>{0} member</source>
        <translation>{0}会员</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/header_text.py" line="41"/>
        <source>Predicted value {0}</source>
        <translation>预测价值 {0}</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/header_text.py" line="50"/>
        <source>Satisfaction {0:.1f} (latest {1})</source>
        <translation>满意度 {0:.1f}（最近一次 {1}）</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/header_text.py" line="53"/>
        <source>Average of {0:,} satisfaction scores (1–5); the latest, {1}, was given on {2}.</source>
        <translation>共 {0:,} 次满意度评分（1–5 分）的平均值；最近一次为 {1} 分，评于 {2}。</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/dossier_panel.py" line="403"/>
        <source>In trash since {0}. Restore the customer to edit the profile.</source>
        <translation>已于 {0} 移入回收站。恢复该客户后才能编辑资料。</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/header_text.py" line="62"/>
        <source>Survey score {0:g}</source>
        <translation>问卷评分 {0:g}</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/header_text.py" line="68"/>
        <source>Latest of {0:,} survey scores (0–100), given on {1}. Trend: {2}.</source>
        <translation>共 {0:,} 次问卷评分（0–100 分），最近一次在 {1}。趋势：{2}。</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/dossier_panel.py" line="408"/>
        <source>New customer</source>
        <translation>新建客户</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/dossier_panel.py" line="409"/>
        <source>Fill in at least the name, then save (Ctrl+S).</source>
        <translation>请至少填写姓名，然后保存（Ctrl+S）。</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/dossier_panel.py" line="479"/>
        <source>The customer file is locked. Unlock it to see this dossier.</source>
        <translation>客户档案已锁定。解锁后才能查看该客户的详情。</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/dossier_panel.py" line="481"/>
        <source>Your unsaved changes are kept and come back after unlocking.</source>
        <translation>未保存的修改已保留，解锁后会恢复。</translation>
    </message>
</context>
<context>
    <name>DryRunPage</name>
    <message>
        <location filename="../../app/views/imports/dry_run_page.py" line="133"/>
        <source>Dry run</source>
        <translation>试运行</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/dry_run_page.py" line="134"/>
        <source>What the import would do. Nothing has been written yet.</source>
        <translation>导入将执行的操作。目前尚未写入任何内容。</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/dry_run_page.py" line="140"/>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/dry_run_page.py" line="160"/>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/dry_run_page.py" line="178"/>
        <source>Checking every row…</source>
        <translation>正在检查每一行…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/imports/dry_run_page.py" line="219"/>
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n 行</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/views/imports/dry_run_page.py" line="231"/>
        <source>Sheet %1 not imported: %2</source>
        <translation>工作表 %1 不导入：%2</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/dry_run_page.py" line="234"/>
        <source>This file was already imported on %1.</source>
        <translation>此文件已于 %1 导入过。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/imports/dry_run_page.py" line="238"/>
        <source>%n row(s) to review (marked ⚠): uncertain matches are skipped, not created.</source>
        <translation>
            <numerusform>%n 行待核对（标有 ⚠）：无法确定的匹配已跳过，未新建。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/imports/dry_run_page.py" line="242"/>
        <source>%n row(s) probably a customer already in the file, held back (not imported). Go back to import them as new customers, to merge later.</source>
        <translation>
            <numerusform>%n 行可能是档案中已有的客户，待核对，未导入。如需按新客户导入、稍后再合并，请返回上一步选择。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/views/imports/dry_run_page.py" line="246"/>
        <source>Press Apply to import; a backup is taken first and the import can be undone.</source>
        <translation>点击“应用”开始导入；导入前会先备份，导入后可以撤销。</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/dry_run_page.py" line="249"/>
        <source>Nothing to change: the customer file already holds everything in this file.</source>
        <translation>无需更改：客户档案已包含此文件的全部内容。</translation>
    </message>
</context>
<context>
    <name>DueBanner</name>
    <message>
        <location filename="../../app/views/agenda/due_banner.py" line="24"/>
        <source>Show the agenda</source>
        <translation>查看待办事项</translation>
    </message>
    <message>
        <location filename="../../app/views/agenda/due_banner.py" line="29"/>
        <location filename="../../app/views/agenda/due_banner.py" line="30"/>
        <source>Close this notice</source>
        <translation>关闭此通知</translation>
    </message>
</context>
<context>
    <name>DuplicateActions</name>
    <message>
        <location filename="../../app/views/duplicates/actions.py" line="17"/>
        <source>Find &amp;duplicate customers…</source>
        <translation>查找重复客户(&amp;D)…</translation>
    </message>
</context>
<context>
    <name>DuplicateWarning</name>
    <message>
        <location filename="../../app/views/dossier/duplicate_warning.py" line="102"/>
        <source>Possibly the same as {0} and {1} others ({2})</source>
        <translation>可能与 {0} 等 {3} 位重复（{2}）</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/duplicate_warning.py" line="105"/>
        <source>Possibly the same as {0} ({1})</source>
        <translation>可能与 {0} 重复（{1}）</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/duplicate_warning.py" line="107"/>
        <source>Click the code to open that customer&apos;s dossier.</source>
        <translation>点击编号打开该客户的档案。</translation>
    </message>
</context>
<context>
    <name>Duplicates</name>
    <message>
        <location filename="../../app/views/duplicates/compare_table.py" line="111"/>
        <source>{0} (kept)</source>
        <translation>{0}（保留）</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/compare_table.py" line="117"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/compare_table.py" line="118"/>
        <source>After the merge</source>
        <translation>合并后</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/compare_table.py" line="133"/>
        <source>Click to take this value</source>
        <translation>点击采用此值</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/compare_table.py" line="139"/>
        <source>The two differ: click the value to keep</source>
        <translation>两者不同：点击要保留的值</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/compare_table.py" line="141"/>
        <source>A merge keeps the tags of both</source>
        <translation>合并后保留双方的全部标签</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/history_page.py" line="34"/>
        <source>Merged</source>
        <translation>已合并</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/history_page.py" line="35"/>
        <source>Undone {0}</source>
        <translation>已于 {0} 撤销</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/history_page.py" line="41"/>
        <source>Merged at</source>
        <translation>合并时间</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/history_page.py" line="42"/>
        <source>Kept</source>
        <translation>保留</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/history_page.py" line="43"/>
        <source>Merged into it</source>
        <translation>被合并</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/history_page.py" line="44"/>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/history_page.py" line="45"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/history_page.py" line="47"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/queue_model.py" line="21"/>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/queue_model.py" line="22"/>
        <source>Look only</source>
        <translation>仅供查看</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/queue_model.py" line="27"/>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/queue_model.py" line="29"/>
        <source>Customer A</source>
        <translation>客户 A</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/queue_model.py" line="30"/>
        <source>Customer B</source>
        <translation>客户 B</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/queue_model.py" line="31"/>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/queue_model.py" line="32"/>
        <source>Proposal</source>
        <translation>建议</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/words.py" line="23"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/words.py" line="24"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/words.py" line="25"/>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/words.py" line="26"/>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/words.py" line="27"/>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/words.py" line="28"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/words.py" line="29"/>
        <source>Second phone</source>
        <translation>第二电话</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/words.py" line="30"/>
        <source>E-mail</source>
        <translation>电子邮箱</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/words.py" line="31"/>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/words.py" line="32"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/words.py" line="33"/>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/words.py" line="34"/>
        <source>Branch</source>
        <translation>网点</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/words.py" line="35"/>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/words.py" line="36"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/words.py" line="37"/>
        <source>Marketing consent</source>
        <translation>营销许可</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/words.py" line="38"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/words.py" line="39"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/words.py" line="44"/>
        <source>%n purchase(s)</source>
        <translation>%n 条购买记录</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/words.py" line="45"/>
        <source>%n contact(s)</source>
        <translation>%n 条联系记录</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/words.py" line="46"/>
        <source>%n reminder(s)</source>
        <translation>%n 条提醒</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/words.py" line="47"/>
        <source>%n complaint(s)</source>
        <translation>%n 条投诉</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/words.py" line="48"/>
        <source>%n tier history entry(ies)</source>
        <translation>%n 条分级历史</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/words.py" line="49"/>
        <source>%n import record(s)</source>
        <translation>%n 条导入记录</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/words.py" line="80"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/words.py" line="80"/>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/words.py" line="97"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/words.py" line="102"/>
        <source>Merged {0} into {1} (merge #{2}).</source>
        <translation>已将 {0} 合并到 {1}（合并 #{2}）。</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/words.py" line="105"/>
        <source>Moved: {0}.</source>
        <translation>已转移：{0}。</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/words.py" line="112"/>
        <source>Merging moves no records: {0} has none.</source>
        <translation>合并不转移任何记录：{0} 没有记录。</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/words.py" line="114"/>
        <source>Merging moves to {0}: {1}.</source>
        <translation>合并将转移到 {0}：{1}。</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/words.py" line="118"/>
        <source>Merge #{0} undone: {1} restored beside {2}.</source>
        <translation>已撤销合并 #{0}：{1} 已恢复（保留的客户 {2}）。</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/words.py" line="122"/>
        <source>Returned to their owners: {0}.</source>
        <translation>已归还原客户：{0}。</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/words.py" line="124"/>
        <source>Added to {0} after the merge, and staying with it: {1}.</source>
        <translation>合并后新增到 {0} 的记录仍归其所有：{1}。</translation>
    </message>
</context>
<context>
    <name>DuplicatesDialog</name>
    <message>
        <location filename="../../app/views/duplicates/duplicates_dialog.py" line="18"/>
        <source>Find duplicate customers</source>
        <translation>查找重复客户</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/duplicates_dialog.py" line="23"/>
        <source>&amp;Review</source>
        <translation>待审核(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/duplicates_dialog.py" line="24"/>
        <source>Merge &amp;history</source>
        <translation>合并记录(&amp;H)</translation>
    </message>
</context>
<context>
    <name>EditConflict</name>
    <message>
        <location filename="../../app/views/dossier/edit_conflict.py" line="18"/>
        <source>someone else</source>
        <translation>他人</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/edit_conflict.py" line="24"/>
        <source>{0} was changed by {1}: reload and apply your edits?</source>
        <translation>{0} 已被 {1} 修改：重新载入并再次应用您的修改？</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/edit_conflict.py" line="27"/>
        <source>{0} was changed by {1} at {2}: reload and apply your edits?</source>
        <translation>{0} 已被 {1} 于 {2} 修改：重新载入并再次应用您的修改？</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/edit_conflict.py" line="34"/>
        <source>Nothing of yours was saved. Reloading shows their changes and puts what you changed back on top; check it and save again.</source>
        <translation>您的修改尚未保存。重新载入会显示对方的修改，并把您改过的内容重新填回；请核对后再次保存。</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/edit_conflict.py" line="38"/>
        <source>Changed by someone else</source>
        <translation>已被他人修改</translation>
    </message>
</context>
<context>
    <name>EraseDialog</name>
    <message>
        <location filename="../../app/views/privacy/erase_dialog.py" line="23"/>
        <source>Erase (PIPL)</source>
        <translation>删除个人信息（个保法）</translation>
    </message>
    <message>
        <location filename="../../app/views/privacy/erase_dialog.py" line="25"/>
        <source>Erase {0} ({1}) for good?</source>
        <translation>永久删除 {0}（{1}）？</translation>
    </message>
    <message>
        <location filename="../../app/views/privacy/erase_dialog.py" line="30"/>
        <source>Everything the file holds about this person is removed: the profile, purchases, contacts, reminders, complaints, consents, tier history, and their traces in imports, merges and the audit log. Only a note without personal data stays in the audit log: the code, the date, the reason and who erased. This cannot be undone.</source>
        <translation>本档案中关于此人的一切都将被删除：资料、购买、联系记录、提醒、投诉、同意记录、分层历史，以及在导入、合并和审计日志中留下的痕迹。审计日志中只保留一条不含个人信息的记录：客户编号、日期、原因和操作人。此操作无法撤销。</translation>
    </message>
    <message>
        <location filename="../../app/views/privacy/erase_dialog.py" line="38"/>
        <source>e.g. the person&apos;s request of 2026-12-01</source>
        <translation>例如：本人于 2026-12-01 提出的删除请求</translation>
    </message>
    <message>
        <location filename="../../app/views/privacy/erase_dialog.py" line="40"/>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/privacy/erase_dialog.py" line="42"/>
        <source>%n backup(s) taken before still hold this person until they rotate out.</source>
        <translation>
            <numerusform>之前的 %n 份备份仍含此人的信息，轮换淘汰后才会消失。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/views/privacy/erase_dialog.py" line="45"/>
        <source>No backup of this file holds the person.</source>
        <translation>本档案没有含此人信息的备份。</translation>
    </message>
    <message>
        <location filename="../../app/views/privacy/erase_dialog.py" line="49"/>
        <source>Re-take the backups now: replace them with one fresh backup without this person</source>
        <translation>立即重新备份：以一份不含此人的新备份替换全部旧备份</translation>
    </message>
    <message>
        <location filename="../../app/views/privacy/erase_dialog.py" line="55"/>
        <source>Erase</source>
        <translation>删除</translation>
    </message>
</context>
<context>
    <name>ExchangeActions</name>
    <message>
        <location filename="../../app/views/shell/exchange_actions.py" line="16"/>
        <source>&amp;Import from Excel…</source>
        <translation>从 Excel 导入(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/exchange_actions.py" line="19"/>
        <source>&amp;Undo last import…</source>
        <translation>撤销上次导入(&amp;U)…</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/exchange_actions.py" line="21"/>
        <source>&amp;Export to Excel…</source>
        <translation>导出到 Excel(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/exchange_actions.py" line="22"/>
        <source>&amp;Consolidate branch workbooks…</source>
        <translation>合并网点工作簿(&amp;C)…</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../app/views/exports/export_dialog.py" line="58"/>
        <source>Export to Excel</source>
        <translation>导出到 Excel</translation>
    </message>
    <message>
        <location filename="../../app/views/exports/export_dialog.py" line="68"/>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../app/views/exports/export_dialog.py" line="82"/>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../app/views/exports/export_dialog.py" line="84"/>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <location filename="../../app/views/exports/export_dialog.py" line="90"/>
        <source>Sheets</source>
        <translation>工作表</translation>
    </message>
    <message>
        <location filename="../../app/views/exports/export_dialog.py" line="93"/>
        <source>Customer register</source>
        <translation>客户名册</translation>
    </message>
    <message>
        <location filename="../../app/views/exports/export_dialog.py" line="93"/>
        <source>Purchases</source>
        <translation>购买记录</translation>
    </message>
    <message>
        <location filename="../../app/views/exports/export_dialog.py" line="94"/>
        <source>Contact log</source>
        <translation>联系记录</translation>
    </message>
    <message>
        <location filename="../../app/views/exports/export_dialog.py" line="94"/>
        <source>Revisit plan</source>
        <translation>回访计划</translation>
    </message>
    <message>
        <location filename="../../app/views/exports/export_dialog.py" line="95"/>
        <source>Complaints</source>
        <translation>投诉记录</translation>
    </message>
    <message>
        <location filename="../../app/views/exports/export_dialog.py" line="96"/>
        <source>Survey satisfaction by month</source>
        <translation>问卷满意度（按月）</translation>
    </message>
    <message>
        <location filename="../../app/views/exports/export_dialog.py" line="97"/>
        <source>Summary with charts</source>
        <translation>汇总（含图表）</translation>
    </message>
    <message>
        <location filename="../../app/views/exports/export_dialog.py" line="108"/>
        <source>Period and filters</source>
        <translation>期间与筛选</translation>
    </message>
    <message>
        <location filename="../../app/views/exports/export_dialog.py" line="110"/>
        <source>Only records in the period</source>
        <translation>仅导出该期间的记录</translation>
    </message>
    <message>
        <location filename="../../app/views/exports/export_dialog.py" line="120"/>
        <source>Period:</source>
        <translation>时间段：</translation>
    </message>
    <message>
        <location filename="../../app/views/exports/export_dialog.py" line="125"/>
        <source>Account manager:</source>
        <translation>客户经理：</translation>
    </message>
    <message>
        <location filename="../../app/views/exports/export_dialog.py" line="126"/>
        <source>Value tier:</source>
        <translation>价值等级：</translation>
    </message>
    <message>
        <location filename="../../app/views/exports/export_dialog.py" line="127"/>
        <source>Tag:</source>
        <translation>标签：</translation>
    </message>
    <message>
        <location filename="../../app/views/exports/export_dialog.py" line="128"/>
        <source>Segment:</source>
        <translation>分群：</translation>
    </message>
    <message>
        <location filename="../../app/views/exports/export_dialog.py" line="131"/>
        <source>Default: the customers&apos; main branch</source>
        <translation>默认：客户所属的主要网点</translation>
    </message>
    <message>
        <location filename="../../app/views/exports/export_dialog.py" line="133"/>
        <source>Branch name:</source>
        <translation>网点名称：</translation>
    </message>
    <message>
        <location filename="../../app/views/exports/export_dialog.py" line="134"/>
        <source>Branch code:</source>
        <translation>网点代码：</translation>
    </message>
    <message>
        <location filename="../../app/views/exports/export_dialog.py" line="138"/>
        <source>Personal data</source>
        <translation>个人信息</translation>
    </message>
    <message>
        <location filename="../../app/views/exports/export_dialog.py" line="141"/>
        <source>Mask personal data: phones, ID numbers, birthdays, e-mail, WeChat, addresses, numbers in notes (138****8000)</source>
        <translation>个人信息脱敏：手机、身份证号、生日、邮箱、微信、地址及备注中的号码（138****8000）</translation>
    </message>
    <message>
        <location filename="../../app/views/exports/export_dialog.py" line="145"/>
        <source>Also mask names (张**)</source>
        <translation>姓名也脱敏（张**）</translation>
    </message>
    <message>
        <location filename="../../app/views/exports/export_dialog.py" line="148"/>
        <source>Why full personal data is needed (recorded in the audit log)</source>
        <translation>为何需要完整的个人信息（将记入审计日志）</translation>
    </message>
    <message>
        <location filename="../../app/views/exports/export_dialog.py" line="151"/>
        <source>Optional: encrypts the workbook</source>
        <translation>可选：为工作簿加密</translation>
    </message>
    <message>
        <location filename="../../app/views/exports/export_dialog.py" line="156"/>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <location filename="../../app/views/exports/export_dialog.py" line="157"/>
        <source>Workbook password:</source>
        <translation>工作簿密码：</translation>
    </message>
    <message>
        <location filename="../../app/views/exports/export_dialog.py" line="158"/>
        <source>Repeat password:</source>
        <translation>再次输入密码：</translation>
    </message>
    <message>
        <location filename="../../app/views/exports/export_dialog.py" line="171"/>
        <location filename="../../app/views/exports/export_dialog.py" line="174"/>
        <location filename="../../app/views/exports/export_dialog.py" line="178"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../app/views/exports/export_dialog.py" line="177"/>
        <source>No tier yet</source>
        <translation>尚未分级</translation>
    </message>
    <message>
        <location filename="../../app/views/exports/export_dialog.py" line="181"/>
        <source>All customers</source>
        <translation>全部客户</translation>
    </message>
    <message>
        <location filename="../../app/views/exports/export_dialog.py" line="194"/>
        <source>Export to</source>
        <translation>导出到</translation>
    </message>
    <message>
        <location filename="../../app/views/exports/export_dialog.py" line="195"/>
        <source>Excel workbook (*.xlsx);;CSV, one sheet (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV，单个工作表 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../app/views/exports/export_dialog.py" line="248"/>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
</context>
<context>
    <name>ExportLaunch</name>
    <message>
        <location filename="../../app/views/exports/launch.py" line="22"/>
        <source>Exported %1 rows to %2</source>
        <translation>已导出 %1 行到 %2</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <location filename="../../app/views/imports/import_wizard.py" line="55"/>
        <source>Choose the file</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/import_wizard.py" line="56"/>
        <source>An Excel workbook (.xlsx, .xls) or a CSV file. Nothing is written until you have seen the dry run.</source>
        <translation>Excel 工作簿（.xlsx、.xls）或 CSV 文件。在您查看试运行结果之前不会写入任何内容。</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/import_wizard.py" line="60"/>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/import_wizard.py" line="66"/>
        <source>Fill empty fields only</source>
        <translation>只填写空白字段</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/import_wizard.py" line="67"/>
        <source>Overwrite with the file&apos;s values</source>
        <translation>用文件中的值覆盖</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/import_wizard.py" line="68"/>
        <source>Skip them</source>
        <translation>跳过</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/import_wizard.py" line="73"/>
        <source>&amp;File:</source>
        <translation>文件(&amp;F)：</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/import_wizard.py" line="76"/>
        <source>Rows matching a customer &amp;already in the file:</source>
        <translation>与档案中已有客户匹配的行(&amp;A)：</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/import_wizard.py" line="79"/>
        <source>Hold them back for review</source>
        <translation>暂不导入，待核对</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/import_wizard.py" line="80"/>
        <source>Import them as new customers, to merge later</source>
        <translation>按新客户导入，稍后再合并</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/import_wizard.py" line="85"/>
        <source>Rows that &amp;probably are a customer already in the file:</source>
        <translation>可能与档案中已有客户重复的行(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/import_wizard.py" line="90"/>
        <location filename="../../app/views/imports/import_wizard.py" line="126"/>
        <source>Import from Excel</source>
        <translation>从 Excel 导入</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/import_wizard.py" line="91"/>
        <source>Spreadsheets (*.xlsx *.xlsm *.xls *.csv)</source>
        <translation>电子表格 (*.xlsx *.xlsm *.xls *.csv)</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/import_wizard.py" line="123"/>
        <source>Reading the file…</source>
        <translation>正在读取文件…</translation>
    </message>
</context>
<context>
    <name>Fonts</name>
    <message>
        <location filename="../../app/views/shell/fonts.py" line="33"/>
        <source>No font with Chinese characters could be loaded: the font shipped with Kehu ({path}) is missing or damaged, and this system has no Chinese font. Chinese text shows as empty boxes. Reinstall Kehu, or install a Chinese font (on Debian or Ubuntu: sudo apt-get install fonts-noto-cjk).</source>
        <translation>无法加载含中文字符的字体：Kehu 自带的字体（{path}）缺失或已损坏，而本机也没有中文字体，中文会显示为空白方框。请重新安装 Kehu，或安装一款中文字体（Debian 或 Ubuntu：sudo apt-get install fonts-noto-cjk）。</translation>
    </message>
</context>
<context>
    <name>HistoryPage</name>
    <message>
        <location filename="../../app/views/duplicates/history_page.py" line="72"/>
        <source>No merges yet.</source>
        <translation>还没有合并记录。</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/history_page.py" line="73"/>
        <source>&amp;Undo merge</source>
        <translation>撤销合并(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/history_page.py" line="75"/>
        <source>Restore the customers exactly as they were before the merge; records added to the kept customer since stay with it</source>
        <translation>将客户恢复到合并前的原样；合并后新增到保留客户的记录仍归其所有</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/history_page.py" line="122"/>
        <source>Undo merge</source>
        <translation>撤销合并</translation>
    </message>
</context>
<context>
    <name>HoldBanner</name>
    <message>
        <location filename="../../app/views/dossier/privacy_actions.py" line="103"/>
        <source>Release hold</source>
        <translation>解除冻结</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/privacy_actions.py" line="115"/>
        <source>On a storage-only hold until {0}: {1}. Kept, not processed (no lists, plans, campaigns or exports); cannot be erased.</source>
        <translation>保留冻结至 {0}：{1}。数据仅保存、不处理（不进名单、计划、活动，不导出）；不可删除。</translation>
    </message>
</context>
<context>
    <name>HoldDialog</name>
    <message>
        <location filename="../../app/views/privacy/hold_dialog.py" line="24"/>
        <source>Storage-only hold</source>
        <translation>保留冻结</translation>
    </message>
    <message>
        <location filename="../../app/views/privacy/hold_dialog.py" line="26"/>
        <source>Keep {0} ({1}) but stop processing them: no lists, plans, campaigns or exports, and no erasure until the end date or a release.</source>
        <translation>保存 {0}（{1}）的数据但停止处理：不进名单、计划、活动，不导出；在截止日期或解除冻结之前不可删除。</translation>
    </message>
    <message>
        <location filename="../../app/views/privacy/hold_dialog.py" line="32"/>
        <source>e.g. the law that requires keeping the data</source>
        <translation>例如：要求保存数据的法规</translation>
    </message>
    <message>
        <location filename="../../app/views/privacy/hold_dialog.py" line="36"/>
        <source>The last day of the hold, e.g. the end of the statutory retention; required</source>
        <translation>冻结的最后一天，例如法定保存期限的截止日；必填</translation>
    </message>
    <message>
        <location filename="../../app/views/privacy/hold_dialog.py" line="38"/>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <location filename="../../app/views/privacy/hold_dialog.py" line="39"/>
        <source>Until:</source>
        <translation>截止日期：</translation>
    </message>
    <message>
        <location filename="../../app/views/privacy/hold_dialog.py" line="40"/>
        <source>Both the reason and the end date are required.</source>
        <translation>原因和截止日期都必须填写。</translation>
    </message>
    <message>
        <location filename="../../app/views/privacy/hold_dialog.py" line="43"/>
        <source>Put on hold</source>
        <translation>冻结</translation>
    </message>
    <message>
        <location filename="../../app/views/privacy/hold_dialog.py" line="60"/>
        <source>“{0}” is not a date; e.g. 2031-12-31.</source>
        <translation>“{0}”不是日期；例如 2031-12-31。</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../app/views/imports/dry_run_page.py" line="37"/>
        <source>Create</source>
        <translation>新建</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/dry_run_page.py" line="38"/>
        <source>Update</source>
        <translation>更新</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/dry_run_page.py" line="39"/>
        <location filename="../../app/views/imports/survey_pages.py" line="33"/>
        <source>Skip</source>
        <translation>跳过</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/dry_run_page.py" line="40"/>
        <location filename="../../app/views/imports/survey_pages.py" line="32"/>
        <source>Reject</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/dry_run_page.py" line="42"/>
        <source>Review</source>
        <translation>待核对</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/dry_run_page.py" line="46"/>
        <source>All rows</source>
        <translation>全部行</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/dry_run_page.py" line="47"/>
        <source>Customers to create</source>
        <translation>将新建的客户</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/dry_run_page.py" line="48"/>
        <source>To review</source>
        <translation>待核对</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/dry_run_page.py" line="49"/>
        <source>Updates</source>
        <translation>更新</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/dry_run_page.py" line="50"/>
        <source>Skipped</source>
        <translation>跳过</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/dry_run_page.py" line="51"/>
        <source>Rejected</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/dry_run_page.py" line="73"/>
        <location filename="../../app/views/imports/survey_pages.py" line="52"/>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/dry_run_page.py" line="74"/>
        <location filename="../../app/views/imports/survey_pages.py" line="53"/>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/dry_run_page.py" line="75"/>
        <location filename="../../app/views/imports/survey_pages.py" line="54"/>
        <source>Action</source>
        <translation>处理</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/dry_run_page.py" line="76"/>
        <location filename="../../app/views/imports/survey_pages.py" line="55"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/dry_run_page.py" line="77"/>
        <source>Reason or changes</source>
        <translation>原因或更改</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/import_wizard.py" line="44"/>
        <source>Customers</source>
        <comment>sheet kind</comment>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/import_wizard.py" line="45"/>
        <source>Purchases</source>
        <translation>购买记录</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/import_wizard.py" line="46"/>
        <source>Contact history</source>
        <translation>联系记录</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/import_wizard.py" line="47"/>
        <source>Survey results</source>
        <translation>问卷结果</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/import_wizard.py" line="48"/>
        <source>Do not import</source>
        <translation>不导入</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/import_wizard.py" line="241"/>
        <source>Import from Excel</source>
        <translation>从 Excel 导入</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/import_wizard.py" line="260"/>
        <source>&amp;Apply</source>
        <translation>应用(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/mapping_page.py" line="30"/>
        <source>Customer UID</source>
        <translation>客户UID</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/mapping_page.py" line="31"/>
        <source>Customer code</source>
        <translation>客户编号</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/mapping_page.py" line="32"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/mapping_page.py" line="33"/>
        <source>Customer type</source>
        <translation>客户类型</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/mapping_page.py" line="34"/>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/mapping_page.py" line="35"/>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/mapping_page.py" line="36"/>
        <source>Lunar birthday</source>
        <translation>农历生日</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/mapping_page.py" line="37"/>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/mapping_page.py" line="38"/>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/mapping_page.py" line="39"/>
        <source>Second phone</source>
        <translation>备用电话</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/mapping_page.py" line="40"/>
        <source>Email</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/mapping_page.py" line="41"/>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/mapping_page.py" line="42"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/mapping_page.py" line="43"/>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/mapping_page.py" line="44"/>
        <source>Branch</source>
        <translation>网点</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/mapping_page.py" line="45"/>
        <source>Account manager</source>
        <translation>客户经理</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/mapping_page.py" line="46"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/mapping_page.py" line="47"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/mapping_page.py" line="48"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/mapping_page.py" line="49"/>
        <source>Purchase date</source>
        <translation>购买日期</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/mapping_page.py" line="50"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/mapping_page.py" line="51"/>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/mapping_page.py" line="52"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/mapping_page.py" line="53"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/mapping_page.py" line="54"/>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/mapping_page.py" line="55"/>
        <source>Time of contact</source>
        <translation>联系时间</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/mapping_page.py" line="56"/>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/mapping_page.py" line="57"/>
        <source>Purpose</source>
        <translation>目的</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/mapping_page.py" line="58"/>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/mapping_page.py" line="59"/>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/mapping_page.py" line="60"/>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/mapping_page.py" line="61"/>
        <source>Staff</source>
        <translation>经办人</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/survey_pages.py" line="31"/>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/survey_pages.py" line="56"/>
        <source>Questionnaire, date and score, or reason</source>
        <translation>问卷、日期和得分，或原因</translation>
    </message>
</context>
<context>
    <name>IntegrityWatch</name>
    <message>
        <location filename="../../app/views/shell/integrity_watch.py" line="59"/>
        <source>The customer file is damaged</source>
        <translation>客户档案已损坏</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/integrity_watch.py" line="60"/>
        <source>Checking the customer file found damage. Nothing more will be written to it until it is restored.

{0}</source>
        <translation>检查客户档案时发现损坏。在恢复之前，不会再向其写入任何内容。

{0}</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/integrity_watch.py" line="64"/>
        <source>Checking the customer file</source>
        <translation>检查客户档案</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../app/views/widgets/formatting.py" line="33"/>
        <source>Outbound</source>
        <translation>我方发起</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/formatting.py" line="34"/>
        <source>Inbound</source>
        <translation>客户发起</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/formatting.py" line="37"/>
        <source>Routine</source>
        <translation>日常维护</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/formatting.py" line="38"/>
        <location filename="../../app/views/widgets/formatting.py" line="45"/>
        <source>Revisit</source>
        <translation>回访</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/formatting.py" line="39"/>
        <source>Care</source>
        <translation>关怀</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/formatting.py" line="40"/>
        <source>Survey</source>
        <translation>调查</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/formatting.py" line="41"/>
        <source>Complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/formatting.py" line="42"/>
        <source>Sale</source>
        <translation>销售</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/formatting.py" line="46"/>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/formatting.py" line="47"/>
        <source>After purchase</source>
        <translation>购后跟进</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/formatting.py" line="48"/>
        <source>Manual</source>
        <translation>手动</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/formatting.py" line="49"/>
        <source>Complaint deadline</source>
        <translation>投诉处理期限</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/formatting.py" line="50"/>
        <source>Win back</source>
        <translation>流失挽回</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/formatting.py" line="51"/>
        <source>Campaign</source>
        <translation>营销活动</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/formatting.py" line="52"/>
        <source>Survey follow-up</source>
        <translation>问卷跟进</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/formatting.py" line="55"/>
        <location filename="../../app/views/widgets/formatting.py" line="67"/>
        <source>Open</source>
        <translation>待处理</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/formatting.py" line="56"/>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/formatting.py" line="57"/>
        <source>Snoozed</source>
        <translation>已推迟</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/formatting.py" line="58"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/formatting.py" line="61"/>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/formatting.py" line="62"/>
        <source>Medium</source>
        <translation>中</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/formatting.py" line="63"/>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/formatting.py" line="64"/>
        <source>Critical</source>
        <translation>严重</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/formatting.py" line="68"/>
        <source>In progress</source>
        <translation>处理中</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/formatting.py" line="69"/>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/formatting.py" line="70"/>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/formatting.py" line="73"/>
        <source>VIP</source>
        <translation>VIP</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/formatting.py" line="74"/>
        <source>High value</source>
        <translation>高价值</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/formatting.py" line="75"/>
        <source>Mid value</source>
        <translation>中价值</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/formatting.py" line="76"/>
        <source>Low value</source>
        <translation>低价值</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/formatting.py" line="79"/>
        <source>Potential</source>
        <translation>潜在客户</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/formatting.py" line="80"/>
        <source>New</source>
        <translation>新客户</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/formatting.py" line="81"/>
        <source>Repeat</source>
        <translation>复购客户</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/formatting.py" line="82"/>
        <source>Loyal</source>
        <translation>忠诚客户</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/formatting.py" line="83"/>
        <source>At risk</source>
        <translation>有流失风险</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/formatting.py" line="84"/>
        <source>Churned</source>
        <translation>已流失</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/formatting.py" line="85"/>
        <source>Won back</source>
        <translation>已挽回</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/dossier_columns.py" line="143"/>
        <source>None yet</source>
        <translation>暂无</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/formatting.py" line="14"/>
        <source>Individual</source>
        <translation>个人</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/formatting.py" line="15"/>
        <source>Enterprise</source>
        <translation>企业</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/formatting.py" line="16"/>
        <source>Institution</source>
        <translation>机构</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/formatting.py" line="19"/>
        <source>Male</source>
        <translation>男</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/formatting.py" line="20"/>
        <source>Female</source>
        <translation>女</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/formatting.py" line="21"/>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/formatting.py" line="24"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/formatting.py" line="25"/>
        <source>Visit</source>
        <translation>上门拜访</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/formatting.py" line="26"/>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/formatting.py" line="27"/>
        <source>SMS</source>
        <translation>短信</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/formatting.py" line="28"/>
        <source>E-mail</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/formatting.py" line="29"/>
        <source>In branch</source>
        <translation>网点到访</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/formatting.py" line="30"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>ListNotice</name>
    <message>
        <location filename="../../app/views/dossier/list_notice.py" line="25"/>
        <source>Show in list</source>
        <translation>在列表中显示</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/list_notice.py" line="27"/>
        <source>Clear the search and the filters so that the list shows this customer</source>
        <translation>清除搜索和筛选，让列表显示这位客户</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/list_notice.py" line="39"/>
        <source>The new customer is not in the current filter.</source>
        <translation>新客户不在当前筛选中。</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/list_notice.py" line="40"/>
        <source>Not in the current list (hidden by the search or the filters).</source>
        <translation>不在当前列表中（被搜索或筛选条件隐藏）。</translation>
    </message>
</context>
<context>
    <name>LiveTab</name>
    <message>
        <location filename="../../app/views/dossier/live_tab.py" line="162"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
</context>
<context>
    <name>LockController</name>
    <message>
        <location filename="../../app/views/shell/lock_controller.py" line="50"/>
        <source>Locked after 1 minute of inactivity.</source>
        <translation>因 1 分钟无操作已锁定。</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/lock_controller.py" line="51"/>
        <source>Locked after {0} minutes of inactivity.</source>
        <translation>因 {0} 分钟无操作已锁定。</translation>
    </message>
</context>
<context>
    <name>LoyaltyActions</name>
    <message>
        <location filename="../../app/views/loyalty/actions.py" line="17"/>
        <source>Re&amp;wards catalogue…</source>
        <translation>奖品目录(&amp;W)…</translation>
    </message>
    <message>
        <location filename="../../app/views/loyalty/actions.py" line="19"/>
        <source>Issue c&amp;oupons to a segment…</source>
        <translation>向分群发放优惠券(&amp;O)…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/views/shell/main_window.py" line="122"/>
        <source>The customer file is locked.</source>
        <translation>客户档案已锁定。</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/main_window.py" line="124"/>
        <source>Unlock…</source>
        <translation>解锁…</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/main_window.py" line="145"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/main_window.py" line="148"/>
        <source>Export re&amp;minders to calendar (.ics)…</source>
        <translation>导出提醒到日历 (.ics)(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/main_window.py" line="151"/>
        <source>&amp;Back up now</source>
        <translation>立即备份(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/main_window.py" line="152"/>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/main_window.py" line="154"/>
        <source>Change &amp;password…</source>
        <translation>修改密码(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/main_window.py" line="156"/>
        <source>&amp;Audit log…</source>
        <translation>审计日志(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/main_window.py" line="158"/>
        <source>&amp;Lock</source>
        <translation>锁定(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/main_window.py" line="159"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/main_window.py" line="161"/>
        <source>&amp;Customer</source>
        <translation>客户(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/main_window.py" line="162"/>
        <source>&amp;New customer</source>
        <translation>新建客户(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/main_window.py" line="164"/>
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/main_window.py" line="167"/>
        <source>Move to &amp;trash</source>
        <translation>移入回收站(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/main_window.py" line="169"/>
        <source>&amp;Restore from trash</source>
        <translation>从回收站恢复(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/main_window.py" line="172"/>
        <source>Com&amp;plaints…</source>
        <translation>投诉列表(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/main_window.py" line="174"/>
        <source>Survey co&amp;mments…</source>
        <translation>问卷文字意见(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/main_window.py" line="177"/>
        <source>Retention re&amp;view…</source>
        <translation>保存期限审查(&amp;V)…</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/main_window.py" line="179"/>
        <source>Campai&amp;gns…</source>
        <translation>营销活动(&amp;G)…</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/main_window.py" line="453"/>
        <source>Change password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/page_actions.py" line="21"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/page_actions.py" line="23"/>
        <source>&amp;Today</source>
        <translation>今日(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/page_actions.py" line="26"/>
        <source>&amp;Customers</source>
        <translation>客户列表(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/page_actions.py" line="24"/>
        <source>Today&apos;s agenda: overdue, due today, upcoming (Ctrl+1)</source>
        <translation>今日待办：逾期、今日到期、即将到期（Ctrl+1）</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/page_actions.py" line="27"/>
        <source>The customer list and dossiers (Ctrl+2)</source>
        <translation>客户列表与客户详情（Ctrl+2）</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/page_actions.py" line="29"/>
        <source>&amp;Dashboard</source>
        <translation>看板(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/page_actions.py" line="30"/>
        <source>KPIs, charts and staff performance (Ctrl+3)</source>
        <translation>关键指标、图表和员工绩效（Ctrl+3）</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/page_actions.py" line="32"/>
        <source>&amp;Groups</source>
        <translation>分群(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/page_actions.py" line="33"/>
        <source>Groups of customers found in the data (Ctrl+4)</source>
        <translation>从数据中发现的客户群（Ctrl+4）</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/page_actions.py" line="49"/>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/main_window.py" line="351"/>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/main_window.py" line="352"/>
        <source>The customer&apos;s profile has unsaved changes. Discard them?</source>
        <translation>该客户的资料有未保存的修改。要放弃这些修改吗？</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/main_window.py" line="368"/>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/main_window.py" line="393"/>
        <source>Delete for good</source>
        <translation>彻底删除</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/main_window.py" line="394"/>
        <source>Delete this customer and all their records for good? This cannot be undone.</source>
        <translation>要彻底删除该客户及其全部记录吗？此操作无法撤销。</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/main_window.py" line="408"/>
        <source>Deleting for good…</source>
        <translation>正在彻底删除…</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/main_window.py" line="421"/>
        <source>Kehu</source>
        <translation>客户档案</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/main_window.py" line="427"/>
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/main_window.py" line="430"/>
        <source>Backup written to {0}</source>
        <translation>备份已保存到 {0}</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/main_window.py" line="425"/>
        <location filename="../../app/views/shell/main_window.py" line="431"/>
        <source>Backup</source>
        <translation>备份</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <location filename="../../app/views/imports/mapping_page.py" line="82"/>
        <source>Columns</source>
        <translation>列</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/mapping_page.py" line="83"/>
        <source>Check which field each column goes to; the first rows of the sheet are shown below the choices.</source>
        <translation>请核对每一列对应的字段；选项下方显示工作表的前几行。</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/mapping_page.py" line="93"/>
        <source>Use &amp;profile</source>
        <translation>使用方案(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/mapping_page.py" line="96"/>
        <source>Profile name</source>
        <translation>方案名称</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/mapping_page.py" line="97"/>
        <source>&amp;Save as profile</source>
        <translation>保存为方案(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/mapping_page.py" line="100"/>
        <source>Sheet:</source>
        <translation>工作表：</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/mapping_page.py" line="151"/>
        <source>(not imported)</source>
        <translation>（不导入）</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/mapping_page.py" line="183"/>
        <source>a customer key (UID, ID number, mobile, code or name)</source>
        <translation>客户标识（UID、身份证号、手机、编号或姓名）</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/mapping_page.py" line="185"/>
        <source>Sheet %1 needs a column for: %2</source>
        <translation>工作表 %1 缺少对应列：%2</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/mapping_page.py" line="199"/>
        <location filename="../../app/views/imports/mapping_page.py" line="207"/>
        <source>Import from Excel</source>
        <translation>从 Excel 导入</translation>
    </message>
</context>
<context>
    <name>MaskedLineEdit</name>
    <message>
        <location filename="../../app/views/dossier/masked_edit.py" line="76"/>
        <source>Show in full</source>
        <translation>显示完整信息</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/masked_edit.py" line="78"/>
        <source>Show in full (F2). Each time is written to the audit log.</source>
        <translation>显示完整信息 (F2)。每次显示都会记入审计日志。</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/masked_edit.py" line="101"/>
        <source>Masked. Click the eye (or press F2) to show it in full and edit it; this is written to the audit log.</source>
        <translation>已屏蔽。点击右侧图标（或按 F2）显示完整信息并编辑；此操作会记入审计日志。</translation>
    </message>
</context>
<context>
    <name>MaskedTextEdit</name>
    <message>
        <location filename="../../app/views/dossier/masked_edit.py" line="139"/>
        <source>Numbers and addresses in the notes are masked. Press F2 (or double-click) to show them in full and edit; this is written to the audit log.</source>
        <translation>备注中的号码和地址已屏蔽。按 F2（或双击）显示完整内容并编辑；此操作会记入审计日志。</translation>
    </message>
</context>
<context>
    <name>OpenComplaintDialog</name>
    <message>
        <location filename="../../app/views/complaints/open_complaint_dialog.py" line="29"/>
        <location filename="../../app/views/complaints/open_complaint_dialog.py" line="48"/>
        <source>Open complaint</source>
        <translation>受理投诉</translation>
    </message>
    <message>
        <location filename="../../app/views/complaints/open_complaint_dialog.py" line="39"/>
        <source>Pick or type a category</source>
        <translation>选择或输入类别</translation>
    </message>
    <message>
        <location filename="../../app/views/complaints/open_complaint_dialog.py" line="43"/>
        <source>What is the customer unhappy about?</source>
        <translation>客户对什么不满意？</translation>
    </message>
    <message>
        <location filename="../../app/views/complaints/open_complaint_dialog.py" line="44"/>
        <source>Category:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <location filename="../../app/views/complaints/open_complaint_dialog.py" line="45"/>
        <source>Severity:</source>
        <translation>严重程度：</translation>
    </message>
    <message>
        <location filename="../../app/views/complaints/open_complaint_dialog.py" line="46"/>
        <source>Deadline:</source>
        <translation>处理期限：</translation>
    </message>
    <message>
        <location filename="../../app/views/complaints/open_complaint_dialog.py" line="47"/>
        <source>Description:</source>
        <translation>问题描述：</translation>
    </message>
    <message>
        <location filename="../../app/views/complaints/open_complaint_dialog.py" line="58"/>
        <source>Service attitude</source>
        <translation>服务态度</translation>
    </message>
    <message>
        <location filename="../../app/views/complaints/open_complaint_dialog.py" line="58"/>
        <source>Business error</source>
        <translation>业务差错</translation>
    </message>
    <message>
        <location filename="../../app/views/complaints/open_complaint_dialog.py" line="59"/>
        <source>Waiting time</source>
        <translation>等候时间</translation>
    </message>
    <message>
        <location filename="../../app/views/complaints/open_complaint_dialog.py" line="59"/>
        <source>Product yield</source>
        <translation>产品收益</translation>
    </message>
    <message>
        <location filename="../../app/views/complaints/open_complaint_dialog.py" line="59"/>
        <source>System failure</source>
        <translation>系统故障</translation>
    </message>
    <message>
        <location filename="../../app/views/complaints/open_complaint_dialog.py" line="63"/>
        <source>Complaint from {0} ({1})</source>
        <translation>来自 {0}（{1}）的投诉</translation>
    </message>
    <message>
        <location filename="../../app/views/complaints/open_complaint_dialog.py" line="68"/>
        <source>{0} days</source>
        <translation>{0} 天</translation>
    </message>
    <message>
        <location filename="../../app/views/complaints/open_complaint_dialog.py" line="69"/>
        <source>1 hour</source>
        <translation>1 小时</translation>
    </message>
    <message>
        <location filename="../../app/views/complaints/open_complaint_dialog.py" line="69"/>
        <source>{0} hours</source>
        <translation>{0} 小时</translation>
    </message>
    <message>
        <location filename="../../app/views/complaints/open_complaint_dialog.py" line="74"/>
        <source>{0} (in {1}, from the SLA of this severity)</source>
        <translation>{0}（{1}后，按该严重程度的处理时限计算）</translation>
    </message>
</context>
<context>
    <name>Overwrite</name>
    <message>
        <location filename="../../app/views/exports/overwrite.py" line="20"/>
        <source>%1 already exists. Replace it?</source>
        <translation>%1 已存在。要替换它吗？</translation>
    </message>
</context>
<context>
    <name>PasswordStrength</name>
    <message>
        <location filename="../../app/views/widgets/password_strength.py" line="27"/>
        <source>Too short: at least 8 characters</source>
        <translation>太短：至少 8 个字符</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/password_strength.py" line="28"/>
        <source>Weak: longer, or mix letters, digits and symbols</source>
        <translation>弱：请加长，或混合字母、数字和符号</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/password_strength.py" line="30"/>
        <source>Fair</source>
        <translation>中等</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/password_strength.py" line="31"/>
        <source>Strong</source>
        <translation>强</translation>
    </message>
</context>
<context>
    <name>PersonCopyAction</name>
    <message>
        <location filename="../../app/views/dossier/person_copy_action.py" line="36"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/person_copy_action.py" line="36"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/person_copy_action.py" line="38"/>
        <location filename="../../app/views/dossier/person_copy_action.py" line="59"/>
        <location filename="../../app/views/dossier/person_copy_action.py" line="69"/>
        <source>Copy for the person</source>
        <translation>个人信息副本</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/person_copy_action.py" line="60"/>
        <source>Everything the file holds about {0} was written to {1}. It is not masked: hand it only to the person.</source>
        <translation>{0} 的全部个人信息已写入 {1}。副本未脱敏：只可交给本人。</translation>
    </message>
</context>
<context>
    <name>PlanDialog</name>
    <message>
        <location filename="../../app/views/tiers/plan_dialog.py" line="58"/>
        <location filename="../../app/views/tiers/plan_dialog.py" line="187"/>
        <location filename="../../app/views/tiers/plan_dialog.py" line="191"/>
        <source>Plan revisits</source>
        <translation>回访计划</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/plan_dialog.py" line="63"/>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/plan_dialog.py" line="70"/>
        <location filename="../../app/views/tiers/plan_dialog.py" line="112"/>
        <source>Planning…</source>
        <translation>正在计划…</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/plan_dialog.py" line="81"/>
        <source>&amp;Apply plan</source>
        <translation>执行计划(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/plan_dialog.py" line="88"/>
        <source>Plan the next</source>
        <translation>计划未来</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/plan_dialog.py" line="124"/>
        <source>Plan for {0} to {1} ({2} days).</source>
        <translation>{0} 至 {1}（{2} 天）的回访计划。</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/plan_dialog.py" line="134"/>
        <source>New and moved, by kind: {0}.</source>
        <translation>新建与改期，按类型：{0}。</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/plan_dialog.py" line="136"/>
        <source>Revisit: every tier&apos;s cadence since the last contact or purchase. After-purchase: a follow-up a few days after a purchase. Birthday: care on the birthday (lunar birthdays converted). Win-back: one call when a customer turns at risk.</source>
        <translation>定期回访：按各价值等级的周期，从最近一次联系或购买算起。购后回访：购买几天后跟进。生日关怀：生日当天关怀（农历生日已换算）。流失挽回：客户进入“有流失风险”时回访一次。</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/plan_dialog.py" line="154"/>
        <source>New:</source>
        <translation>新建：</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/plan_dialog.py" line="155"/>
        <source>Reminders this plan writes for the first time.</source>
        <translation>本次计划首次写入的提醒。</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/plan_dialog.py" line="156"/>
        <source>Moved:</source>
        <translation>改期：</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/plan_dialog.py" line="157"/>
        <source>Reminders an earlier plan wrote and nobody has touched, moved to a new day (the rules or the customer&apos;s history changed).</source>
        <translation>之前的计划写入且无人改动过的提醒，改到新的日期（规则或客户记录有变化）。</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/plan_dialog.py" line="159"/>
        <source>Withdrawn:</source>
        <translation>撤回：</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/plan_dialog.py" line="160"/>
        <source>Reminders an earlier plan wrote and nobody has touched that are no longer wanted (their rule is off, the customer is no longer at risk, or their new day is past the horizon): deleted.</source>
        <translation>之前的计划写入且无人改动过、现已不再需要的提醒（规则已关闭、客户已不再有流失风险，或新日期超出计划期限）：将被删除。</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/plan_dialog.py" line="163"/>
        <source>Already planned:</source>
        <translation>已在计划中：</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/plan_dialog.py" line="164"/>
        <source>Already among the reminders, on the same day: left as they are.</source>
        <translation>已在提醒中且日期相同：保持不变。</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/plan_dialog.py" line="165"/>
        <source>Left to a person:</source>
        <translation>由人工处理：</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/plan_dialog.py" line="166"/>
        <source>Not planned: a person already handles these. The customer has a reminder of that kind that someone wrote, edited or snoozed (or, for a follow-up or a birthday, already completed or cancelled), so the plan adds none beside it.</source>
        <translation>未纳入计划：已有人在处理。该客户已有同类提醒，由人新建、修改或推迟过（购后回访和生日关怀：已完成或已取消的也算），因此计划不再另加。</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/plan_dialog.py" line="170"/>
        <source>Beyond the capacity:</source>
        <translation>超出容量：</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/plan_dialog.py" line="171"/>
        <source>Did not fit under the daily capacity of {0:,} per owner and working day before the end of the horizon: not written now; a later plan schedules them.</source>
        <translation>在计划期限结束前，每位客户经理每个工作日 {0:,} 条的容量已排满：本次不写入，由之后的计划安排。</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/plan_dialog.py" line="133"/>
        <source>nothing</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/plan_dialog.py" line="141"/>
        <source>Per owner and working day: the reminders this plan adds, and in brackets (+n) those already there. Shaded: at the daily capacity of {0:,}; red: already past it; grey: a day off, holding only reminders that were there before.</source>
        <translation>按客户经理和工作日：本次计划新增的提醒，括号中（+n）为已有的提醒。橙色：已达每日容量 {0:,} 条；红色：已有提醒已超出容量；灰色：休息日，只显示原有的提醒。</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/plan_dialog.py" line="174"/>
        <source>Consent withdrawn:</source>
        <translation>已撤回同意：</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/plan_dialog.py" line="175"/>
        <source>Not planned: a win-back call is marketing, and these customers withdrew their consent to marketing by phone (see the consent ledger).</source>
        <translation>未安排：挽回电话属于营销，这些客户已撤回电话营销同意（见同意记录）。</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/plan_dialog.py" line="184"/>
        <source>Writing the plan…</source>
        <translation>正在写入计划…</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/plan_dialog.py" line="192"/>
        <source>Plan written: {0:,} new, {1:,} moved, {2:,} withdrawn.</source>
        <translation>计划已写入：新建 {0:,}，改期 {1:,}，撤回 {2:,}。</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/plan_dialog.py" line="194"/>
        <source>{0:,} changed by someone meanwhile were left alone.</source>
        <translation>其间已被他人修改的 {0:,} 条保持不变。</translation>
    </message>
</context>
<context>
    <name>PlanLoadTable</name>
    <message>
        <location filename="../../app/views/tiers/plan_load_table.py" line="47"/>
        <location filename="../../app/views/tiers/plan_load_table.py" line="83"/>
        <source>(no owner)</source>
        <translation>（无客户经理）</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/plan_load_table.py" line="67"/>
        <source>{0} off</source>
        <translation>{0}（休）</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/plan_load_table.py" line="72"/>
        <source>{0}: a day off. The plan adds nothing on a day off; the reminders shown were already there.</source>
        <translation>{0}：休息日。计划不会在休息日新增提醒；显示的是原有的提醒。</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/plan_load_table.py" line="84"/>
        <source>{0}, {1} {2}: this plan adds {3:,}; {4:,} already there (planned earlier or put there by a person).</source>
        <translation>{0}，{1} {2}：本次计划新增 {3:,} 条；已有 {4:,} 条（之前计划的或人工添加的）。</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/plan_load_table.py" line="88"/>
        <source>A day off: the plan adds nothing here.</source>
        <translation>休息日：计划不在此日新增。</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/plan_load_table.py" line="91"/>
        <source>Those already there pass the daily capacity of {0:,}: the plan adds nothing here.</source>
        <translation>已有的提醒已超出每日容量 {0:,} 条：计划不在此日新增。</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/plan_load_table.py" line="94"/>
        <source>{0:,} of the daily capacity of {1:,} per owner.</source>
        <translation>已用每位客户经理每日容量 {1:,} 条中的 {0:,} 条。</translation>
    </message>
</context>
<context>
    <name>PointsTab</name>
    <message>
        <location filename="../../app/views/dossier/points_tab.py" line="41"/>
        <source>Earned</source>
        <translation>消费积分</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/points_tab.py" line="42"/>
        <source>Refund</source>
        <translation>退款扣回</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/points_tab.py" line="43"/>
        <source>Redeemed</source>
        <translation>兑换</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/points_tab.py" line="44"/>
        <location filename="../../app/views/dossier/points_tab.py" line="94"/>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/points_tab.py" line="45"/>
        <source>Adjusted</source>
        <translation>手工调整</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/points_tab.py" line="79"/>
        <source>Issued to segment {0}</source>
        <translation>发放给分群 {0}</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/points_tab.py" line="81"/>
        <source>Redeemed reward {0}</source>
        <translation>兑换奖品 {0}</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/points_tab.py" line="83"/>
        <source>Campaign {0}</source>
        <translation>营销活动 {0}</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/points_tab.py" line="91"/>
        <source>Used on {0} (purchase #{1})</source>
        <translation>已于 {0} 使用（购买记录 #{1}）</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/points_tab.py" line="96"/>
        <source>Not valid yet</source>
        <translation>尚未生效</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/points_tab.py" line="97"/>
        <source>Valid</source>
        <translation>可用</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/points_tab.py" line="118"/>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/points_tab.py" line="119"/>
        <source>Entry</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/points_tab.py" line="120"/>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/points_tab.py" line="122"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/points_tab.py" line="123"/>
        <source>Expires</source>
        <translation>到期日</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/points_tab.py" line="124"/>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/points_tab.py" line="125"/>
        <source>Written at</source>
        <translation>记录时间</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/points_tab.py" line="128"/>
        <source>Coupon</source>
        <translation>优惠券</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/points_tab.py" line="129"/>
        <source>Worth</source>
        <translation>面值</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/points_tab.py" line="131"/>
        <source>From</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/points_tab.py" line="132"/>
        <source>Until</source>
        <translation>截止日</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/points_tab.py" line="133"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/points_tab.py" line="134"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/points_tab.py" line="139"/>
        <source>Adjust points…</source>
        <translation>调整积分…</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/points_tab.py" line="140"/>
        <source>Add or take away points by hand, with the reason (audited)</source>
        <translation>手工增加或扣减积分，须填写原因（记入审计日志）</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/points_tab.py" line="142"/>
        <source>Redeem reward…</source>
        <translation>兑换奖品…</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/points_tab.py" line="143"/>
        <source>Exchange points for a reward of the catalogue</source>
        <translation>用积分兑换奖品目录中的奖品</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/points_tab.py" line="173"/>
        <source>Balance: {0:,} points</source>
        <translation>积分余额：{0:,}</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/points_tab.py" line="175"/>
        <source> ({0:,} of them expired by today: {1:,} can be spent)</source>
        <translation>（其中 {0:,} 已于今天前到期：可用 {1:,}）</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/dossier/points_tab.py" line="182"/>
        <source>Ledger, newest first: %n entry(ies)</source>
        <translation>
            <numerusform>积分流水（最新在前）：%n 条</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/points_tab.py" line="183"/>
        <source>Ledger: no entries yet.</source>
        <translation>积分流水：暂无记录。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/dossier/points_tab.py" line="185"/>
        <source>Coupons: %n</source>
        <translation>
            <numerusform>优惠券：%n 张</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/points_tab.py" line="186"/>
        <source>Coupons: none.</source>
        <translation>优惠券：无。</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/points_tab.py" line="195"/>
        <source>Member level: {0} (no change recorded yet)</source>
        <translation>会员等级：{0}（尚无变动记录）</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/points_tab.py" line="197"/>
        <source>Member level: {0}, since {1}: {2}</source>
        <translation>会员等级：{0}，自 {1} 起：{2}</translation>
    </message>
</context>
<context>
    <name>PortraitTab</name>
    <message>
        <location filename="../../app/views/dossier/portrait_tab.py" line="63"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/portrait_tab.py" line="105"/>
        <source>No purchases yet: the portrait is drawn from the purchase history.</source>
        <translation>暂无购买记录：客户画像根据购买历史绘制。</translation>
    </message>
</context>
<context>
    <name>PredictionText</name>
    <message>
        <location filename="../../app/views/dossier/prediction_text.py" line="16"/>
        <source>No prediction</source>
        <translation>暂无预测</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/prediction_text.py" line="17"/>
        <source>Predicted value {0} · {1:.0%} likely still active · {2:.1f} purchases expected in the next {3} days</source>
        <translation>预测价值 {0} · 仍活跃概率 {1:.0%} · 未来 {3} 天预计购买 {2:.1f} 次</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/prediction_text.py" line="25"/>
        <source>Predicted values are computed with the daily tier recompute, for customers with a purchase by then.</source>
        <translation>预测价值随每日价值等级重算生成，仅针对届时已有购买记录的客户。</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/prediction_text.py" line="28"/>
        <source>{0} (as of {1})</source>
        <translation>{0}（截至 {1}）</translation>
    </message>
</context>
<context>
    <name>PrivacyActions</name>
    <message>
        <location filename="../../app/views/dossier/privacy_actions.py" line="132"/>
        <source>Erase (PIPL)…</source>
        <translation>删除个人信息（个保法）…</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/privacy_actions.py" line="134"/>
        <source>Remove the person&apos;s personal data from the file for good (PIPL Art. 47)</source>
        <translation>从档案中永久删除此人的个人信息（个人信息保护法第四十七条）</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/privacy_actions.py" line="135"/>
        <source>Hold…</source>
        <translation>保留冻结…</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/privacy_actions.py" line="137"/>
        <source>Keep the data without processing it, e.g. for a statutory retention</source>
        <translation>只保存数据、不作处理，例如为满足法定保存要求</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/privacy_actions.py" line="138"/>
        <location filename="../../app/views/dossier/privacy_actions.py" line="300"/>
        <source>Release hold</source>
        <translation>解除冻结</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/privacy_actions.py" line="148"/>
        <source>Privacy</source>
        <translation>隐私</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/privacy_actions.py" line="149"/>
        <source>The person&apos;s copy, hold, release, erase (PIPL)</source>
        <translation>个人信息副本、保留冻结、解除冻结、删除（个人信息保护法）</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/privacy_actions.py" line="232"/>
        <source>Erase (PIPL)</source>
        <translation>删除个人信息（个保法）</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/privacy_actions.py" line="249"/>
        <source>Erasing…</source>
        <translation>正在删除…</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/privacy_actions.py" line="260"/>
        <source>{0} ({1}) was erased.</source>
        <translation>已删除 {0}（{1}）。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/dossier/privacy_actions.py" line="266"/>
        <source>%n earlier backup(s) still hold the person until they rotate out.</source>
        <translation>
            <numerusform>之前的 %n 份备份仍含此人的信息，轮换淘汰后才会消失。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/privacy_actions.py" line="273"/>
        <source>The file was locked: the backups were not re-taken.</source>
        <translation>档案已锁定：未重新备份。</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/privacy_actions.py" line="276"/>
        <source>Re-taking the backups…</source>
        <translation>正在重新备份…</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/privacy_actions.py" line="279"/>
        <location filename="../../app/views/dossier/privacy_actions.py" line="282"/>
        <source>The backups could not be re-taken ({0}); the earlier ones are kept and still hold the person.</source>
        <translation>无法重新备份（{0}）；之前的备份已保留，仍含此人的信息。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/dossier/privacy_actions.py" line="284"/>
        <source>%n earlier backup(s) were replaced by one fresh backup without the person.</source>
        <translation>
            <numerusform>之前的 %n 份备份已替换为一份不含此人的新备份。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/privacy_actions.py" line="303"/>
        <source>Release the hold on {0} ({1})? The customer is processed again (lists, plans, exports) and can be erased.</source>
        <translation>解除 {0}（{1}）的保留冻结？此后该客户会重新被处理（名单、计划、导出），也可以被删除。</translation>
    </message>
</context>
<context>
    <name>ProfileFields</name>
    <message>
        <location filename="../../app/views/dossier/profile_fields.py" line="61"/>
        <source>Birthday “{0}” is not a date; write it like 1990-03-07.</source>
        <translation>生日“{0}”不是有效日期，请按 1990-03-07 的格式填写。</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/profile_fields.py" line="68"/>
        <source>Tag “{0}” has {1} characters; at most {2} are allowed.</source>
        <translation>标签“{0}”有 {1} 个字符，最多允许 {2} 个。</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/profile_fields.py" line="122"/>
        <location filename="../../app/views/dossier/profile_fields.py" line="123"/>
        <source>13800138000 or 010-12345678</source>
        <translation>13800138000 或 010-12345678</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/profile_fields.py" line="124"/>
        <source>18-digit resident ID number</source>
        <translation>18 位居民身份证号码</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/profile_fields.py" line="125"/>
        <source>name@example.com</source>
        <translation>name@example.com</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/profile_fields.py" line="129"/>
        <source>Not given</source>
        <translation>未填写</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/profile_fields.py" line="133"/>
        <source>Lunar calendar</source>
        <translation>农历</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/profile_fields.py" line="134"/>
        <source>Agrees to marketing messages</source>
        <translation>同意接收营销信息</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/profile_fields.py" line="139"/>
        <source>Follows the consent ledger: on while the customer consents to marketing by phone, SMS or WeChat. Record a consent or a withdrawal on the Consent tab.</source>
        <translation>由同意台账决定：客户同意电话、短信或微信营销中的任一项时勾选。请在“同意”页记录同意或撤回。</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/profile_fields.py" line="144"/>
        <source>Show in full</source>
        <translation>显示完整信息</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/profile_fields.py" line="145"/>
        <source>Show the numbers and addresses in the notes in full (F2); written to the audit log</source>
        <translation>显示备注中的完整号码和地址 (F2)；此操作会记入审计日志</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/profile_fields.py" line="227"/>
        <source>Identity</source>
        <translation>基本信息</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/profile_fields.py" line="228"/>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/profile_fields.py" line="229"/>
        <source>Kind:</source>
        <translation>客户类型：</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/profile_fields.py" line="230"/>
        <source>Gender:</source>
        <translation>性别：</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/profile_fields.py" line="231"/>
        <source>Birthday:</source>
        <translation>生日：</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/profile_fields.py" line="232"/>
        <source>ID number:</source>
        <translation>身份证号码：</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/profile_fields.py" line="233"/>
        <source>Contact</source>
        <translation>联系方式</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/profile_fields.py" line="234"/>
        <source>Phone:</source>
        <translation>联系电话：</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/profile_fields.py" line="235"/>
        <source>Second phone:</source>
        <translation>备用电话：</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/profile_fields.py" line="236"/>
        <source>E-mail:</source>
        <translation>电子邮箱：</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/profile_fields.py" line="237"/>
        <source>WeChat:</source>
        <translation>微信：</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/profile_fields.py" line="238"/>
        <source>Address:</source>
        <translation>地址：</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/profile_fields.py" line="239"/>
        <source>Service</source>
        <translation>服务归属</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/profile_fields.py" line="240"/>
        <source>Region:</source>
        <translation>区域：</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/profile_fields.py" line="241"/>
        <source>Branch:</source>
        <translation>网点：</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/profile_fields.py" line="242"/>
        <source>Account manager:</source>
        <translation>客户经理：</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/profile_fields.py" line="243"/>
        <source>Source:</source>
        <translation>客户来源：</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/profile_fields.py" line="244"/>
        <source>Marketing:</source>
        <translation>营销授权：</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/profile_fields.py" line="245"/>
        <source>Tags:</source>
        <translation>标签：</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/profile_fields.py" line="246"/>
        <source>Notes:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/profile_fields.py" line="285"/>
        <source>Agreed on {0}</source>
        <translation>已于 {0} 同意</translation>
    </message>
</context>
<context>
    <name>ProfileForm</name>
    <message>
        <location filename="../../app/views/dossier/profile_form.py" line="99"/>
        <source>Revert</source>
        <translation>还原</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/profile_form.py" line="100"/>
        <source>Undo the changes not saved yet</source>
        <translation>撤销尚未保存的修改</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/profile_form.py" line="101"/>
        <location filename="../../app/views/dossier/profile_form.py" line="114"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/profile_form.py" line="103"/>
        <location filename="../../app/views/dossier/profile_form.py" line="408"/>
        <source>Save the profile (Ctrl+S)</source>
        <translation>保存资料（Ctrl+S）</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/profile_form.py" line="407"/>
        <source>Correct the fields marked in red first.</source>
        <translation>请先更正标红的字段。</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/profile_form.py" line="453"/>
        <source>Not saved: correct the fields marked in red first. {0}</source>
        <translation>未保存：请先更正标红的字段。{0}</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/profile_form.py" line="458"/>
        <source>Nothing to save: no field has changed.</source>
        <translation>没有需要保存的内容：没有字段被修改。</translation>
    </message>
</context>
<context>
    <name>ProgressTask</name>
    <message>
        <location filename="../../app/views/widgets/progress_task.py" line="24"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>QuickLogBar</name>
    <message>
        <location filename="../../app/views/dossier/quick_log_bar.py" line="56"/>
        <source>How you were in touch</source>
        <translation>联系渠道</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/quick_log_bar.py" line="58"/>
        <source>Why</source>
        <translation>联系目的</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/quick_log_bar.py" line="61"/>
        <source>What was said or done — Enter logs it</source>
        <translation>沟通或办理的内容（按 Enter 记录）</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/quick_log_bar.py" line="63"/>
        <source>Log</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/quick_log_bar.py" line="64"/>
        <source>Add this contact to the timeline (Enter)</source>
        <translation>将此次联系添加到联系记录（Enter）</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/quick_log_bar.py" line="65"/>
        <source>No satisfaction score</source>
        <translation>无满意度评分</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/quick_log_bar.py" line="66"/>
        <source>Follow up in</source>
        <translation>跟进</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/quick_log_bar.py" line="68"/>
        <source>Also create a revisit reminder, due that many days from today at 09:00</source>
        <translation>同时创建一条回访提醒，于所设天数后的 09:00 到期</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/quick_log_bar.py" line="72"/>
        <source> days</source>
        <translation> 天后</translation>
    </message>
</context>
<context>
    <name>RecordsTab</name>
    <message>
        <location filename="../../app/views/dossier/records_tab.py" line="80"/>
        <source>Showing the newest {0:,} of {1:,}.</source>
        <translation>共 {1:,} 条，仅显示最新的 {0:,} 条。</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyDialog</name>
    <message>
        <location filename="../../app/views/files/create_file_dialog.py" line="73"/>
        <source>Your recovery key</source>
        <translation>您的恢复密钥</translation>
    </message>
    <message>
        <location filename="../../app/views/files/create_file_dialog.py" line="75"/>
        <source>This recovery key opens the customer file if the password is forgotten. It is shown only now. Write it down and keep it somewhere safe.</source>
        <translation>忘记密码时，可用此恢复密钥打开客户档案。它只显示这一次，请抄写下来并妥善保管。</translation>
    </message>
    <message>
        <location filename="../../app/views/files/create_file_dialog.py" line="84"/>
        <source>I have written it down</source>
        <translation>我已抄写好</translation>
    </message>
    <message>
        <location filename="../../app/views/files/create_file_dialog.py" line="86"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
</context>
<context>
    <name>RedeemRewardDialog</name>
    <message>
        <location filename="../../app/views/loyalty/points_dialogs.py" line="66"/>
        <source>Redeem a reward</source>
        <translation>兑换奖品</translation>
    </message>
    <message>
        <location filename="../../app/views/loyalty/points_dialogs.py" line="68"/>
        <source>A reward for {0} ({1}), paid with points.</source>
        <translation>为 {0}（{1}）用积分兑换奖品。</translation>
    </message>
    <message>
        <location filename="../../app/views/loyalty/points_dialogs.py" line="71"/>
        <source>{0} — {1:,} points ({2:,} in stock)</source>
        <translation>{0} — {1:,} 积分（库存 {2:,}）</translation>
    </message>
    <message>
        <location filename="../../app/views/loyalty/points_dialogs.py" line="73"/>
        <source>Balance now:</source>
        <translation>当前余额：</translation>
    </message>
    <message>
        <location filename="../../app/views/loyalty/points_dialogs.py" line="74"/>
        <source>Reward:</source>
        <translation>奖品：</translation>
    </message>
    <message>
        <location filename="../../app/views/loyalty/points_dialogs.py" line="76"/>
        <source>The catalogue is empty: add rewards first (Customers → Rewards catalogue…).</source>
        <translation>奖品目录为空：请先添加奖品（客户 → 奖品目录…）。</translation>
    </message>
    <message>
        <location filename="../../app/views/loyalty/points_dialogs.py" line="78"/>
        <source>Redeem</source>
        <translation>兑换</translation>
    </message>
</context>
<context>
    <name>ReminderEditDialog</name>
    <message>
        <location filename="../../app/views/reminders/reminder_edit_dialog.py" line="30"/>
        <source>New reminder</source>
        <translation>新建提醒</translation>
    </message>
    <message>
        <location filename="../../app/views/reminders/reminder_edit_dialog.py" line="31"/>
        <source>Edit reminder</source>
        <translation>编辑提醒</translation>
    </message>
    <message>
        <location filename="../../app/views/reminders/reminder_edit_dialog.py" line="39"/>
        <source>Day and time the reminder comes due</source>
        <translation>提醒到期的日期和时间</translation>
    </message>
    <message>
        <location filename="../../app/views/reminders/reminder_edit_dialog.py" line="40"/>
        <source>This time has passed: the reminder is overdue at once.</source>
        <translation>该时间已过：提醒将立即显示为逾期。</translation>
    </message>
    <message>
        <location filename="../../app/views/reminders/reminder_edit_dialog.py" line="45"/>
        <source>e.g. Call back about the renewal</source>
        <translation>例如：回电沟通续约事宜</translation>
    </message>
    <message>
        <location filename="../../app/views/reminders/reminder_edit_dialog.py" line="46"/>
        <source>Optional</source>
        <translation>选填</translation>
    </message>
    <message>
        <location filename="../../app/views/reminders/reminder_edit_dialog.py" line="48"/>
        <source>Due:</source>
        <translation>到期时间：</translation>
    </message>
    <message>
        <location filename="../../app/views/reminders/reminder_edit_dialog.py" line="50"/>
        <source>Title:</source>
        <translation>标题：</translation>
    </message>
    <message>
        <location filename="../../app/views/reminders/reminder_edit_dialog.py" line="51"/>
        <source>Note:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <location filename="../../app/views/reminders/reminder_edit_dialog.py" line="63"/>
        <location filename="../../app/views/reminders/reminder_edit_dialog.py" line="65"/>
        <source>For {0} ({1})</source>
        <translation>客户：{0}（{1}）</translation>
    </message>
</context>
<context>
    <name>ReminderNotifier</name>
    <message>
        <location filename="../../app/views/agenda/reminder_notifier.py" line="102"/>
        <source>1 reminder is due</source>
        <translation>有 1 条提醒已到期</translation>
    </message>
    <message>
        <location filename="../../app/views/agenda/reminder_notifier.py" line="103"/>
        <source>{0:,} reminders are due</source>
        <translation>有 {0:,} 条提醒已到期</translation>
    </message>
    <message>
        <location filename="../../app/views/agenda/reminder_notifier.py" line="106"/>
        <source>and {0:,} more</source>
        <translation>另有 {0:,} 条</translation>
    </message>
    <message>
        <location filename="../../app/views/agenda/reminder_notifier.py" line="114"/>
        <source>Open the Today page in Kehu to see them.</source>
        <translation>请在客户档案的“今日”页面中查看。</translation>
    </message>
    <message>
        <location filename="../../app/views/agenda/reminder_notifier.py" line="128"/>
        <source>Kehu reminders</source>
        <translation>客户档案提醒</translation>
    </message>
</context>
<context>
    <name>RemindersTab</name>
    <message>
        <location filename="../../app/views/dossier/reminders_tab.py" line="59"/>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/reminders_tab.py" line="64"/>
        <source>New…</source>
        <translation>新建…</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/reminders_tab.py" line="65"/>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/reminders_tab.py" line="66"/>
        <source>Complete…</source>
        <translation>完成…</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/reminders_tab.py" line="67"/>
        <location filename="../../app/views/dossier/reminders_tab.py" line="185"/>
        <source>Snooze</source>
        <translation>推迟</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/reminders_tab.py" line="69"/>
        <location filename="../../app/views/dossier/reminders_tab.py" line="166"/>
        <location filename="../../app/views/dossier/reminders_tab.py" line="178"/>
        <source>Cancel reminder</source>
        <translation>取消提醒</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/reminders_tab.py" line="71"/>
        <source>A new reminder for this customer</source>
        <translation>为该客户新建一条提醒</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/reminders_tab.py" line="72"/>
        <source>Change the due time, title or note</source>
        <translation>修改到期时间、标题或备注</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/reminders_tab.py" line="73"/>
        <source>Record what happened and mark the reminder done</source>
        <translation>记录结果并将提醒标记为已完成</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/reminders_tab.py" line="74"/>
        <source>Move the due time later</source>
        <translation>推迟到期时间</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/reminders_tab.py" line="75"/>
        <source>Drop this reminder (it stays in the list as cancelled)</source>
        <translation>取消此提醒（它仍保留在列表中，状态为“已取消”）</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/reminders_tab.py" line="128"/>
        <source>No reminders for this customer. Press “New…” to add one, or tick “Follow up” when logging a contact.</source>
        <translation>该客户没有提醒。点击“新建…”添加，或在记录联系时勾选“跟进”。</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/reminders_tab.py" line="167"/>
        <source>Cancel the reminder “{0}”? It stays in the list as cancelled and cannot be reopened.</source>
        <translation>要取消提醒“{0}”吗？它将以“已取消”状态保留在列表中，且无法重新打开。</translation>
    </message>
</context>
<context>
    <name>ResolveComplaintDialog</name>
    <message>
        <location filename="../../app/views/complaints/resolve_complaint_dialog.py" line="28"/>
        <source>Resolve complaint</source>
        <translation>解决投诉</translation>
    </message>
    <message>
        <location filename="../../app/views/complaints/resolve_complaint_dialog.py" line="33"/>
        <source>How was it resolved? (required)</source>
        <translation>问题是如何解决的？（必填）</translation>
    </message>
    <message>
        <location filename="../../app/views/complaints/resolve_complaint_dialog.py" line="34"/>
        <source>Not asked yet</source>
        <translation>尚未询问</translation>
    </message>
    <message>
        <location filename="../../app/views/complaints/resolve_complaint_dialog.py" line="36"/>
        <source>How satisfied the customer is after the resolution, if you asked</source>
        <translation>处理后客户的满意度（如已询问）</translation>
    </message>
    <message>
        <location filename="../../app/views/complaints/resolve_complaint_dialog.py" line="37"/>
        <source>Resolution:</source>
        <translation>处理结果：</translation>
    </message>
    <message>
        <location filename="../../app/views/complaints/resolve_complaint_dialog.py" line="38"/>
        <source>Satisfaction after:</source>
        <translation>处理后满意度：</translation>
    </message>
    <message>
        <location filename="../../app/views/complaints/resolve_complaint_dialog.py" line="39"/>
        <source>Resolve</source>
        <translation>解决</translation>
    </message>
</context>
<context>
    <name>RetentionDialog</name>
    <message>
        <location filename="../../app/views/privacy/retention_dialog.py" line="51"/>
        <source>Retention review</source>
        <translation>保存期限审查</translation>
    </message>
    <message>
        <location filename="../../app/views/privacy/retention_dialog.py" line="56"/>
        <source>Code</source>
        <translation>客户编号</translation>
    </message>
    <message>
        <location filename="../../app/views/privacy/retention_dialog.py" line="57"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../app/views/privacy/retention_dialog.py" line="58"/>
        <source>Last purchase or contact</source>
        <translation>最近购买或联系</translation>
    </message>
    <message>
        <location filename="../../app/views/privacy/retention_dialog.py" line="59"/>
        <source>Years since</source>
        <translation>已过年数</translation>
    </message>
    <message>
        <location filename="../../app/views/privacy/retention_dialog.py" line="68"/>
        <source>Reason, e.g. the retention period has passed</source>
        <translation>原因，例如已超过保存期限</translation>
    </message>
    <message>
        <location filename="../../app/views/privacy/retention_dialog.py" line="69"/>
        <source>&amp;Anonymise…</source>
        <translation>匿名化(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../app/views/privacy/retention_dialog.py" line="70"/>
        <source>Blank their personal data; keep their purchases for the statistics</source>
        <translation>清除其个人信息；保留购买记录用于统计</translation>
    </message>
    <message>
        <location filename="../../app/views/privacy/retention_dialog.py" line="72"/>
        <source>&amp;Erase…</source>
        <translation>删除(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../app/views/privacy/retention_dialog.py" line="91"/>
        <source>Reviewing…</source>
        <translation>正在审查…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/privacy/retention_dialog.py" line="98"/>
        <source>%n customer(s) with no purchase or contact for more than {years} years (before {cutoff}).</source>
        <translation>
            <numerusform>%n 位客户超过 {years} 年（{cutoff} 之前起）没有购买或联系。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/views/privacy/retention_dialog.py" line="101"/>
        <source>No customer is past the retention period: everyone bought or was contacted within {years} years (since {cutoff}).</source>
        <translation>没有超过保存期限的客户：所有客户在 {years} 年内（{cutoff} 以来）都有购买或联系。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/privacy/retention_dialog.py" line="105"/>
        <source>%n more on a storage-only hold: kept, not listed.</source>
        <translation>
            <numerusform>另有 %n 位处于保留冻结中：保存，不列出。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/views/privacy/retention_dialog.py" line="118"/>
        <source>Say why first (the reason is kept in the audit trail).</source>
        <translation>请先说明原因（原因会记入审计日志）。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/privacy/retention_dialog.py" line="123"/>
        <source>Anonymise %n customer(s)? Their personal data is blanked for good; their purchases stay.</source>
        <translation>
            <numerusform>匿名化 %n 位客户？其个人信息将永久清除；购买记录保留。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/privacy/retention_dialog.py" line="125"/>
        <source>Erase %n customer(s) and everything about them? This cannot be undone.</source>
        <translation>
            <numerusform>删除 %n 位客户及其全部信息？此操作无法撤销。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/views/privacy/retention_dialog.py" line="136"/>
        <source>Working…</source>
        <translation>正在处理…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/privacy/retention_dialog.py" line="142"/>
        <source>Done: %n customer(s).</source>
        <translation>
            <numerusform>已完成：%n 位客户。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RevealAll</name>
    <message>
        <location filename="../../app/views/privacy/reveal_all_action.py" line="13"/>
        <source>Show personal data in &amp;full (this session)</source>
        <translation>显示完整个人信息（本次会话）(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../app/views/privacy/reveal_all_action.py" line="16"/>
        <source>Phones, ID numbers, e-mail and WeChat are masked on screen. This shows them in full until the file locks; it is written to the audit log, and so is every dossier shown meanwhile.</source>
        <translation>手机号、身份证号、电子邮箱和微信在屏幕上默认屏蔽。开启后显示完整信息，直到文件锁定；开启本身以及期间查看的每份客户档案都会记入审计日志。</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <location filename="../../app/views/duplicates/review_page.py" line="63"/>
        <source>Show &amp;low-score look-alikes</source>
        <translation>显示低分相似客户(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/review_page.py" line="65"/>
        <source>Also list pairs below the merge threshold (families on one landline, namesakes): to look at or mark as not duplicates, never to merge</source>
        <translation>也列出低于合并阈值的客户对（共用座机的家人、同名者）：仅供查看或标记为不是重复，不能合并</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/review_page.py" line="68"/>
        <source>Search &amp;again</source>
        <translation>重新查找(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/review_page.py" line="98"/>
        <source>Why they are the same person (kept in the merge history)</source>
        <translation>为何是同一人（记入合并记录）</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/review_page.py" line="100"/>
        <source>R&amp;eason:</source>
        <translation>原因(&amp;E)：</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/review_page.py" line="102"/>
        <source>Keep the &amp;other one</source>
        <translation>改为保留另一位(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/review_page.py" line="103"/>
        <source>Swap which customer is kept; the other one is merged into it</source>
        <translation>交换保留的客户；另一位将合并到其中</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/review_page.py" line="106"/>
        <source>&amp;Merge</source>
        <translation>合并(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/review_page.py" line="108"/>
        <source>&amp;Not a duplicate</source>
        <translation>不是重复(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/review_page.py" line="110"/>
        <source>&amp;Skip</source>
        <translation>跳过(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/review_page.py" line="161"/>
        <source>Looking for duplicate customers…</source>
        <translation>正在查找重复客户…</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/review_page.py" line="177"/>
        <source>The search was cancelled; the queue is as before.</source>
        <translation>已取消查找；待审核列表保持不变。</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/review_page.py" line="187"/>
        <source>{0} pair(s), {1} proposed for merging</source>
        <translation>共 {0} 对，其中 {1} 对建议合并</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/review_page.py" line="204"/>
        <source>No customers look alike: no pairs were found, not even look-alikes with a low score.</source>
        <translation>没有相似的客户：未找到任何客户对，连低分相似的也没有。</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/review_page.py" line="206"/>
        <source>No probable duplicates were found. Tick “Show low-score look-alikes” to see pairs that only look alike.</source>
        <translation>未发现疑似重复客户。勾选“显示低分相似客户”可查看仅仅相似的客户对。</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/review_page.py" line="226"/>
        <source>(below the merge threshold: look only, never merged from here)</source>
        <translation>（低于合并阈值：仅供查看，不能在此合并）</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/review_page.py" line="227"/>
        <source>Score {0:.2f}: {1}</source>
        <translation>得分 {0:.2f}：{1}</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/review_page.py" line="269"/>
        <source>Below the merge threshold: these two only look alike, so they are not merged here</source>
        <translation>低于合并阈值：两者只是相似，不能在此合并</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/review_page.py" line="272"/>
        <source>Merge the other customer into the kept one</source>
        <translation>将另一位客户合并到保留的客户</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/review_page.py" line="293"/>
        <source>Merging…</source>
        <translation>正在合并…</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/review_page.py" line="300"/>
        <source>Undo: the button in the main window&apos;s status bar, or the merge history.</source>
        <translation>撤销：主窗口状态栏中的按钮，或合并记录。</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/review_page.py" line="311"/>
        <source>Undoing the merge…</source>
        <translation>正在撤销合并…</translation>
    </message>
    <message>
        <location filename="../../app/views/duplicates/review_page.py" line="335"/>
        <source>{0} and {1} are marked as different people and will not be proposed again.</source>
        <translation>{0} 与 {1} 已标记为不同的人，不会再被列为重复客户。</translation>
    </message>
</context>
<context>
    <name>RewardsDialog</name>
    <message>
        <location filename="../../app/views/loyalty/rewards_dialog.py" line="34"/>
        <source>Gift</source>
        <translation>礼品</translation>
    </message>
    <message>
        <location filename="../../app/views/loyalty/rewards_dialog.py" line="35"/>
        <source>Fee waiver</source>
        <translation>费用减免</translation>
    </message>
    <message>
        <location filename="../../app/views/loyalty/rewards_dialog.py" line="36"/>
        <source>Coupon</source>
        <translation>优惠券</translation>
    </message>
    <message>
        <location filename="../../app/views/loyalty/rewards_dialog.py" line="46"/>
        <source>{0}, valid {1} days</source>
        <translation>{0}，有效 {1} 天</translation>
    </message>
    <message>
        <location filename="../../app/views/loyalty/rewards_dialog.py" line="61"/>
        <source>Rewards catalogue</source>
        <translation>奖品目录</translation>
    </message>
    <message>
        <location filename="../../app/views/loyalty/rewards_dialog.py" line="64"/>
        <source>Reward</source>
        <translation>奖品</translation>
    </message>
    <message>
        <location filename="../../app/views/loyalty/rewards_dialog.py" line="65"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../app/views/loyalty/rewards_dialog.py" line="66"/>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <location filename="../../app/views/loyalty/rewards_dialog.py" line="67"/>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <location filename="../../app/views/loyalty/rewards_dialog.py" line="68"/>
        <source>Coupon given</source>
        <translation>所送优惠券</translation>
    </message>
    <message>
        <location filename="../../app/views/loyalty/rewards_dialog.py" line="69"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../app/views/loyalty/rewards_dialog.py" line="69"/>
        <source>Offered</source>
        <translation>可兑换</translation>
    </message>
    <message>
        <location filename="../../app/views/loyalty/rewards_dialog.py" line="70"/>
        <source>Withdrawn</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <location filename="../../app/views/loyalty/rewards_dialog.py" line="76"/>
        <source>e.g. 保温杯, 年费减免</source>
        <translation>例如：保温杯、年费减免</translation>
    </message>
    <message>
        <location filename="../../app/views/loyalty/rewards_dialog.py" line="94"/>
        <source>Add reward</source>
        <translation>添加奖品</translation>
    </message>
    <message>
        <location filename="../../app/views/loyalty/rewards_dialog.py" line="97"/>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location filename="../../app/views/loyalty/rewards_dialog.py" line="98"/>
        <source>Kind:</source>
        <translation>客户类型：</translation>
    </message>
    <message>
        <location filename="../../app/views/loyalty/rewards_dialog.py" line="99"/>
        <source>Points cost:</source>
        <translation>所需积分：</translation>
    </message>
    <message>
        <location filename="../../app/views/loyalty/rewards_dialog.py" line="100"/>
        <source>Stock:</source>
        <translation>库存：</translation>
    </message>
    <message>
        <location filename="../../app/views/loyalty/rewards_dialog.py" line="101"/>
        <source>Coupon value:</source>
        <translation>券面值：</translation>
    </message>
    <message>
        <location filename="../../app/views/loyalty/rewards_dialog.py" line="102"/>
        <source>Coupon valid for (days):</source>
        <translation>券有效天数：</translation>
    </message>
    <message>
        <location filename="../../app/views/loyalty/rewards_dialog.py" line="104"/>
        <source>A new reward</source>
        <translation>新奖品</translation>
    </message>
</context>
<context>
    <name>RulesDialog</name>
    <message>
        <location filename="../../app/views/tiers/rules_dialog.py" line="89"/>
        <location filename="../../app/views/tiers/rules_dialog.py" line="237"/>
        <source>Tiering rules</source>
        <translation>分级规则</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/rules_dialog.py" line="109"/>
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/rules_dialog.py" line="109"/>
        <source>Now</source>
        <translation>当前</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/rules_dialog.py" line="110"/>
        <source>With these rules</source>
        <translation>按此规则</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/rules_dialog.py" line="117"/>
        <source>Value tier</source>
        <translation>价值等级</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/rules_dialog.py" line="121"/>
        <source>Lifecycle stage</source>
        <translation>生命周期阶段</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/rules_dialog.py" line="131"/>
        <source>Customers per tier and stage</source>
        <translation>各等级与阶段的客户数</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/rules_dialog.py" line="139"/>
        <source>Restore defaults</source>
        <translation>恢复默认值</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/rules_dialog.py" line="200"/>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/rules_dialog.py" line="207"/>
        <source>{0:,} customers in all.</source>
        <translation>共 {0:,} 位客户。</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/rules_dialog.py" line="234"/>
        <source>Saving the rules and recomputing tiers…</source>
        <translation>正在保存规则并重新计算分级…</translation>
    </message>
</context>
<context>
    <name>RulesForm</name>
    <message>
        <location filename="../../app/views/tiers/rules_form.py" line="28"/>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/rules_form.py" line="30"/>
        <source>Historical revenue</source>
        <translation>历史消费金额</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/rules_form.py" line="31"/>
        <source>Predicted value (CLV)</source>
        <translation>预测价值 (CLV)</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/rules_form.py" line="35"/>
        <source>Loyal from (purchases)</source>
        <translation>忠诚客户起点（购买次数）</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/rules_form.py" line="38"/>
        <source>Rhythm assumed after one purchase</source>
        <translation>仅购买一次时的假定周期</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/rules_form.py" line="39"/>
        <source>At risk after (× rhythm)</source>
        <translation>超过周期的倍数即流失风险</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/rules_form.py" line="41"/>
        <source>At risk no sooner than</source>
        <translation>流失风险最早在</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/rules_form.py" line="43"/>
        <source>Churned after (× rhythm)</source>
        <translation>超过周期的倍数即已流失</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/rules_form.py" line="45"/>
        <source>Churned no sooner than</source>
        <translation>已流失最早在</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/rules_form.py" line="47"/>
        <source>Won back stays for</source>
        <translation>“已挽回”保持</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/rules_form.py" line="51"/>
        <source>Class A: revenue share up to</source>
        <translation>A 类：累计收入占比至</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/rules_form.py" line="53"/>
        <source>Class B: revenue share up to</source>
        <translation>B 类：累计收入占比至</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/rules_form.py" line="57"/>
        <source>Follow-up after a purchase</source>
        <translation>购后回访间隔</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/rules_form.py" line="59"/>
        <source>Birthday care call</source>
        <translation>生日关怀电话</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/rules_form.py" line="60"/>
        <source>Birthday call ahead by</source>
        <translation>生日关怀提前</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/rules_form.py" line="62"/>
        <source>Win-back call when at risk</source>
        <translation>出现流失风险时安排挽回回访</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/rules_form.py" line="63"/>
        <source>Revisits per owner per day</source>
        <translation>每位客户经理每日回访上限</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/rules_form.py" line="70"/>
        <source>Keep personal data for</source>
        <translation>个人信息保存</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/rules_form.py" line="73"/>
        <source> years</source>
        <translation> 年</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/rules_form.py" line="76"/>
        <source>Monthly satisfaction target</source>
        <translation>每月满意度目标（分）</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/rules_form.py" line="78"/>
        <source>Follow up a survey scoring below</source>
        <translation>问卷得分低于此值时跟进</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/rules_form.py" line="113"/>
        <source>Lifecycle</source>
        <translation>生命周期</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/rules_form.py" line="115"/>
        <source>Satisfaction surveys (0–100)</source>
        <translation>满意度问卷（百分制）</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/rules_form.py" line="159"/>
        <source>All history</source>
        <translation>全部历史</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/rules_form.py" line="164"/>
        <source>F and M counted over</source>
        <translation>F 与 M 的统计期</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/rules_form.py" line="169"/>
        <source>What the M score and the ABC classes rank: the revenue in the window, or each customer&apos;s latest predicted value (customers without a prediction keep their revenue).</source>
        <translation>M 分和 ABC 分类依据什么排名：统计期内的消费金额，或每位客户最新的预测价值（没有预测的客户仍按其消费金额）。</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/rules_form.py" line="175"/>
        <source>Value basis</source>
        <translation>价值依据</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/rules_form.py" line="176"/>
        <source>No predicted values yet: ranked by historical revenue until the first CLV run.</source>
        <translation>尚无预测价值：在首次计算 CLV 之前，仍按历史消费金额排名。</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/rules_form.py" line="184"/>
        <source>RFM score (3–15) at least</source>
        <translation>RFM 总分（3–15）不低于</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/rules_form.py" line="185"/>
        <source>ABC class at least</source>
        <translation>ABC 类别不低于</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/rules_form.py" line="195"/>
        <source>Everyone else with a purchase is low value; without one, potential.</source>
        <translation>其余有购买的客户为低价值；无购买的为潜在客户。</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/rules_form.py" line="198"/>
        <source>Value tiers</source>
        <translation>价值等级</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/rules_form.py" line="203"/>
        <source>Revisit %1 every</source>
        <translation>%1 回访间隔</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/rules_form.py" line="205"/>
        <source>Service per tier</source>
        <translation>各等级服务策略</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/rules_form.py" line="208"/>
        <source>Revisit cadence per saved segment</source>
        <translation>按已保存分群设定回访周期</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/rules_form.py" line="217"/>
        <source>Years after a customer&apos;s last purchase or contact, 1 to 30 (PIPL Art. 19). Customers past it are listed in the retention review, to be erased or anonymised.</source>
        <translation>自客户最后一次购买或联系起算的年数，1 到 30 年（个人信息保护法第十九条）。超过期限的客户列入保存期限审查，可删除或匿名化。</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/rules_form.py" line="221"/>
        <source>Retention of personal data</source>
        <translation>个人信息保存期限</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/rules_form.py" line="223"/>
        <source>From 1 to 30 years; 5 by default</source>
        <translation>1 到 30 年；默认 5 年</translation>
    </message>
</context>
<context>
    <name>SavedFile</name>
    <message>
        <location filename="../../app/views/imports/saved_file.py" line="19"/>
        <source>Open the folder?</source>
        <translation>要打开所在文件夹吗？</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/saved_file.py" line="26"/>
        <source>This desktop cannot open folders or files from Kehu. The file was saved here; open it from your file manager:
%1</source>
        <translation>此桌面环境无法从本程序打开文件夹或文件。文件已保存在这里，请用文件管理器打开：
%1</translation>
    </message>
</context>
<context>
    <name>ScoreCombo</name>
    <message>
        <location filename="../../app/views/reminders/dialog_fields.py" line="51"/>
        <source>No score</source>
        <translation>未评分</translation>
    </message>
    <message>
        <location filename="../../app/views/reminders/dialog_fields.py" line="54"/>
        <source>Satisfaction score, 1 (very unhappy) to 5 (very happy); optional</source>
        <translation>满意度评分：1（非常不满意）到 5（非常满意），选填</translation>
    </message>
</context>
<context>
    <name>ScreenMask</name>
    <message>
        <location filename="../../app/views/widgets/screen_mask.py" line="89"/>
        <source>Show in full</source>
        <translation>显示完整信息</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/screen_mask.py" line="90"/>
        <source>The value stays masked: showing it could not be put on record in the audit log. {0}</source>
        <translation>信息仍保持屏蔽：无法将本次显示记入审计日志。{0}</translation>
    </message>
</context>
<context>
    <name>SegmentCadenceTable</name>
    <message>
        <location filename="../../app/views/tiers/segment_cadence_table.py" line="39"/>
        <source>Segment</source>
        <translation>分群</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/segment_cadence_table.py" line="39"/>
        <source>Revisit every</source>
        <translation>回访周期</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/segment_cadence_table.py" line="48"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/segment_cadence_table.py" line="49"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/segment_cadence_table.py" line="50"/>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/segment_cadence_table.py" line="51"/>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/segment_cadence_table.py" line="58"/>
        <source>The first row a customer&apos;s segment matches sets their revisit cadence, over their tier&apos;s.</source>
        <translation>客户所属分群匹配的第一行决定其回访周期，优先于其等级的周期。</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/segment_cadence_table.py" line="159"/>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/segment_cadence_table.py" line="167"/>
        <source>Segment deleted: the revisit planner skips this row.</source>
        <translation>分群已删除：回访计划会跳过此行。</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/segment_cadence_table.py" line="184"/>
        <source>No saved segments yet.</source>
        <translation>尚无已保存的分群。</translation>
    </message>
</context>
<context>
    <name>SegmentsPage</name>
    <message>
        <location filename="../../app/views/segments/segments_page.py" line="64"/>
        <source>Number of groups: automatic</source>
        <translation>分群数：自动</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/segments/segments_page.py" line="66"/>
        <source>%n groups</source>
        <translation>
            <numerusform>%n 个群</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/views/segments/segments_page.py" line="67"/>
        <source>&amp;Find groups</source>
        <translation>重新分群(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../app/views/segments/segments_page.py" line="69"/>
        <source>&amp;Save group as segment…</source>
        <translation>保存为分群…(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../app/views/segments/segments_page.py" line="73"/>
        <source>Group</source>
        <translation>群</translation>
    </message>
    <message>
        <location filename="../../app/views/segments/segments_page.py" line="73"/>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <location filename="../../app/views/segments/segments_page.py" line="73"/>
        <source>Customers</source>
        <translation>客户数</translation>
    </message>
    <message>
        <location filename="../../app/views/segments/segments_page.py" line="74"/>
        <source>Revenue share</source>
        <translation>收入占比</translation>
    </message>
    <message>
        <location filename="../../app/views/segments/segments_page.py" line="74"/>
        <source>Mean predicted value</source>
        <translation>平均预测价值</translation>
    </message>
    <message>
        <location filename="../../app/views/segments/segments_page.py" line="75"/>
        <source>Days since last purchase</source>
        <translation>距上次购买（天）</translation>
    </message>
    <message>
        <location filename="../../app/views/segments/segments_page.py" line="75"/>
        <source>Purchases</source>
        <translation>购买次数</translation>
    </message>
    <message>
        <location filename="../../app/views/segments/segments_page.py" line="110"/>
        <source>No groups yet. Find groups clusters the customers with purchases by how recently, how often and how much they buy, and by predicted value.</source>
        <translation>尚未分群。点击“重新分群”，按最近购买时间、购买频次、消费金额和预测价值，对有购买记录的客户做聚类分析。</translation>
    </message>
    <message>
        <location filename="../../app/views/segments/segments_page.py" line="114"/>
        <source>with predicted value</source>
        <translation>含预测价值</translation>
    </message>
    <message>
        <location filename="../../app/views/segments/segments_page.py" line="115"/>
        <source>without predicted value (not computed yet)</source>
        <translation>不含预测价值（尚未计算）</translation>
    </message>
    <message>
        <location filename="../../app/views/segments/segments_page.py" line="116"/>
        <source>%1 groups found on %2 (%3; silhouette %4).</source>
        <translation>%2 发现 %1 个客户群（%3；轮廓系数 %4）。</translation>
    </message>
    <message>
        <location filename="../../app/views/segments/segments_page.py" line="147"/>
        <source>Finding groups in the data…</source>
        <translation>正在从数据中发现客户群…</translation>
    </message>
    <message>
        <location filename="../../app/views/segments/segments_page.py" line="160"/>
        <source>Groups</source>
        <translation>分群</translation>
    </message>
    <message>
        <location filename="../../app/views/segments/segments_page.py" line="174"/>
        <location filename="../../app/views/segments/segments_page.py" line="184"/>
        <source>Save group as segment</source>
        <translation>保存为分群</translation>
    </message>
    <message>
        <location filename="../../app/views/segments/segments_page.py" line="175"/>
        <source>Name of the segment (it stays the members of group %1 of the latest run):</source>
        <translation>分群名称（成员为最近一次分群中第 %1 群的客户）：</translation>
    </message>
</context>
<context>
    <name>ServerDialog</name>
    <message>
        <location filename="../../app/views/files/server_dialog.py" line="49"/>
        <source>Open team server</source>
        <translation>打开团队服务器</translation>
    </message>
    <message>
        <location filename="../../app/views/files/server_dialog.py" line="50"/>
        <source>Reconnect to the team server</source>
        <translation>重新连接团队服务器</translation>
    </message>
    <message>
        <location filename="../../app/views/files/server_dialog.py" line="59"/>
        <source>e.g. db.example.com</source>
        <translation>例如 db.example.com</translation>
    </message>
    <message>
        <location filename="../../app/views/files/server_dialog.py" line="63"/>
        <source>none: no certificate check</source>
        <translation>无：不检查证书</translation>
    </message>
    <message>
        <location filename="../../app/views/files/server_dialog.py" line="64"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../app/views/files/server_dialog.py" line="72"/>
        <source>only if PGPASSWORD or ~/.pgpass has none</source>
        <translation>仅当 PGPASSWORD 或 ~/.pgpass 中没有时填写</translation>
    </message>
    <message>
        <location filename="../../app/views/files/server_dialog.py" line="77"/>
        <source>Host:</source>
        <translation>主机：</translation>
    </message>
    <message>
        <location filename="../../app/views/files/server_dialog.py" line="78"/>
        <source>Port:</source>
        <translation>端口：</translation>
    </message>
    <message>
        <location filename="../../app/views/files/server_dialog.py" line="79"/>
        <source>Database:</source>
        <translation>数据库：</translation>
    </message>
    <message>
        <location filename="../../app/views/files/server_dialog.py" line="80"/>
        <source>User:</source>
        <translation>用户：</translation>
    </message>
    <message>
        <location filename="../../app/views/files/server_dialog.py" line="81"/>
        <source>CA certificate:</source>
        <translation>CA 证书：</translation>
    </message>
    <message>
        <location filename="../../app/views/files/server_dialog.py" line="82"/>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <location filename="../../app/views/files/server_dialog.py" line="83"/>
        <source>The password is never stored: libpq reads PGPASSWORD or ~/.pgpass, else type it here for this connection only. With a CA certificate the connection uses TLS and checks the server&apos;s name (sslmode=verify-full).</source>
        <translation>密码从不保存：libpq 会读取 PGPASSWORD 或 ~/.pgpass，否则请在此输入，仅用于本次连接。指定 CA 证书时连接使用 TLS 并核对服务器名称（sslmode=verify-full）。</translation>
    </message>
    <message>
        <location filename="../../app/views/files/server_dialog.py" line="91"/>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <location filename="../../app/views/files/server_dialog.py" line="108"/>
        <source>Server: {0}</source>
        <translation>服务器：{0}</translation>
    </message>
    <message>
        <location filename="../../app/views/files/server_dialog.py" line="151"/>
        <source>CA certificate</source>
        <translation>CA 证书</translation>
    </message>
    <message>
        <location filename="../../app/views/files/server_dialog.py" line="152"/>
        <source>Certificates (*.crt *.pem *.cer);;All files (*)</source>
        <translation>证书 (*.crt *.pem *.cer);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../app/views/files/server_dialog.py" line="170"/>
        <source>Connecting to {0}…</source>
        <translation>正在连接 {0}…</translation>
    </message>
    <message>
        <location filename="../../app/views/files/server_dialog.py" line="191"/>
        <source>Or type it in the password field.</source>
        <translation>或在密码栏中输入。</translation>
    </message>
    <message>
        <location filename="../../app/views/files/server_dialog.py" line="195"/>
        <source>Unexpected error: {0}</source>
        <translation>意外错误：{0}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../app/views/settings/settings_dialog.py" line="67"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../app/views/settings/settings_dialog.py" line="89"/>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <location filename="../../app/views/settings/settings_dialog.py" line="93"/>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../app/views/settings/settings_dialog.py" line="100"/>
        <source>The new language is used the next time Kehu starts.</source>
        <translation>新语言将在下次启动程序时生效。</translation>
    </message>
    <message>
        <location filename="../../app/views/settings/settings_dialog.py" line="109"/>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <location filename="../../app/views/settings/settings_dialog.py" line="114"/>
        <source> minutes</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location filename="../../app/views/settings/settings_dialog.py" line="115"/>
        <source>Never</source>
        <translation>从不</translation>
    </message>
    <message>
        <location filename="../../app/views/settings/settings_dialog.py" line="119"/>
        <source>Lock the customer file after this long without keyboard or mouse input. 0 means never.</source>
        <translation>键盘和鼠标无操作达到此时长后，自动锁定客户档案。0 表示从不锁定。</translation>
    </message>
    <message>
        <location filename="../../app/views/settings/settings_dialog.py" line="121"/>
        <source>Lock when idle for:</source>
        <translation>空闲多久后锁定：</translation>
    </message>
    <message>
        <location filename="../../app/views/settings/settings_dialog.py" line="125"/>
        <source>Filled in as the owner of new customers</source>
        <translation>新建客户时自动填为客户经理</translation>
    </message>
    <message>
        <location filename="../../app/views/settings/settings_dialog.py" line="126"/>
        <source>Default owner:</source>
        <translation>默认客户经理：</translation>
    </message>
    <message>
        <location filename="../../app/views/settings/settings_dialog.py" line="140"/>
        <source>Customer file</source>
        <translation>客户档案</translation>
    </message>
    <message>
        <location filename="../../app/views/settings/settings_dialog.py" line="148"/>
        <location filename="../../app/views/settings/settings_dialog.py" line="151"/>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <location filename="../../app/views/settings/settings_dialog.py" line="153"/>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <location filename="../../app/views/settings/settings_dialog.py" line="154"/>
        <source>Key file:</source>
        <translation>密钥文件：</translation>
    </message>
    <message>
        <location filename="../../app/views/settings/settings_dialog.py" line="155"/>
        <source>Backups:</source>
        <translation>备份：</translation>
    </message>
    <message>
        <location filename="../../app/views/settings/settings_dialog.py" line="159"/>
        <source>The key file holds the locks of the customer file: copy both files together. Every backup has its own key file beside it.</source>
        <translation>密钥文件保存着打开客户档案所需的密钥：复制时请将两个文件一起复制。每个备份旁边都有各自的密钥文件。</translation>
    </message>
    <message>
        <location filename="../../app/views/settings/settings_dialog.py" line="175"/>
        <source>Taken</source>
        <translation>备份时间</translation>
    </message>
    <message>
        <location filename="../../app/views/settings/settings_dialog.py" line="175"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../../app/views/settings/settings_dialog.py" line="175"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../app/views/settings/settings_dialog.py" line="188"/>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <location filename="../../app/views/settings/settings_dialog.py" line="190"/>
        <source>Change password…</source>
        <translation>修改密码…</translation>
    </message>
    <message>
        <location filename="../../app/views/settings/settings_dialog.py" line="48"/>
        <source>Backed up by hand</source>
        <translation>手动备份</translation>
    </message>
    <message>
        <location filename="../../app/views/settings/settings_dialog.py" line="43"/>
        <source>Before a file format update</source>
        <translation>文件格式升级前</translation>
    </message>
    <message>
        <location filename="../../app/views/settings/settings_dialog.py" line="44"/>
        <location filename="../../app/views/settings/settings_dialog.py" line="47"/>
        <source>Before an import</source>
        <translation>导入前</translation>
    </message>
    <message>
        <location filename="../../app/views/settings/settings_dialog.py" line="45"/>
        <source>Before a restore</source>
        <translation>恢复备份前</translation>
    </message>
    <message>
        <location filename="../../app/views/settings/settings_dialog.py" line="46"/>
        <source>Before undoing an import</source>
        <translation>撤销导入前</translation>
    </message>
    <message>
        <location filename="../../app/views/settings/settings_dialog.py" line="165"/>
        <source>On this laptop whoever unlocks the file is its owner and may do everything; every unlock, export and erasure is in the audit log. Per-user roles (who sees which branch) come with team mode on PostgreSQL.</source>
        <translation>在这台电脑上，解锁文件的人就是文件的所有者，可以做所有操作；每次解锁、导出和删除都记入审计日志。按用户分配的角色（谁能看哪个网点）将随 PostgreSQL 团队模式提供。</translation>
    </message>
    <message>
        <location filename="../../app/views/settings/settings_dialog.py" line="230"/>
        <source>Other (%1)</source>
        <translation>其他（%1）</translation>
    </message>
    <message>
        <location filename="../../app/views/settings/settings_dialog.py" line="241"/>
        <source>The backups cannot be listed: {0}</source>
        <translation>无法列出备份：{0}</translation>
    </message>
    <message>
        <location filename="../../app/views/settings/settings_dialog.py" line="257"/>
        <source>No backups yet</source>
        <translation>暂无备份</translation>
    </message>
    <message>
        <location filename="../../app/views/settings/settings_dialog.py" line="276"/>
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <location filename="../../app/views/settings/settings_dialog.py" line="284"/>
        <source>Backup written: {0}</source>
        <translation>备份已保存：{0}</translation>
    </message>
    <message>
        <location filename="../../app/views/settings/settings_dialog.py" line="292"/>
        <source>The backup failed: {0}</source>
        <translation>备份失败：{0}</translation>
    </message>
    <message>
        <location filename="../../app/views/settings/settings_dialog.py" line="301"/>
        <source>Password changed. The recovery key is unchanged.</source>
        <translation>密码已修改。恢复密钥保持不变。</translation>
    </message>
    <message>
        <location filename="../../app/views/settings/settings_dialog.py" line="325"/>
        <source>The change was saved but not audited: {0}</source>
        <translation>设置已保存，但未能记入审计：{0}</translation>
    </message>
    <message>
        <location filename="../../app/views/settings/settings_dialog.py" line="335"/>
        <source>The settings could not be saved: {0}</source>
        <translation>无法保存设置：{0}</translation>
    </message>
</context>
<context>
    <name>SheetsPage</name>
    <message>
        <location filename="../../app/views/imports/import_wizard.py" line="163"/>
        <source>Sheets and kinds</source>
        <translation>工作表与类型</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/import_wizard.py" line="164"/>
        <source>What each sheet holds. Sheets that look like none of these are not imported unless you choose a kind.</source>
        <translation>每个工作表包含什么。无法识别的工作表不会导入，除非您为其选择类型。</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/import_wizard.py" line="167"/>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/import_wizard.py" line="167"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/import_wizard.py" line="168"/>
        <source>Header row</source>
        <translation>表头行</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/import_wizard.py" line="205"/>
        <source>Import from Excel</source>
        <translation>从 Excel 导入</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/import_wizard.py" line="206"/>
        <source>Survey results are imported on their own. Set the other sheets to &quot;Do not import&quot; and import them in a second pass.</source>
        <translation>问卷结果需单独导入。请将其他工作表设为“不导入”，再另行导入它们。</translation>
    </message>
</context>
<context>
    <name>SnoozeDateDialog</name>
    <message>
        <location filename="../../app/views/reminders/snooze_menu.py" line="43"/>
        <source>Snooze until</source>
        <translation>推迟到</translation>
    </message>
    <message>
        <location filename="../../app/views/reminders/snooze_menu.py" line="48"/>
        <source>Snooze until:</source>
        <translation>推迟到：</translation>
    </message>
    <message>
        <location filename="../../app/views/reminders/snooze_menu.py" line="64"/>
        <source>Pick a time in the future.</source>
        <translation>请选择一个将来的时间。</translation>
    </message>
</context>
<context>
    <name>SnoozeMenu</name>
    <message>
        <location filename="../../app/views/reminders/snooze_menu.py" line="83"/>
        <source>In 1 hour</source>
        <translation>1 小时后</translation>
    </message>
    <message>
        <location filename="../../app/views/reminders/snooze_menu.py" line="84"/>
        <source>Tomorrow</source>
        <translation>明天</translation>
    </message>
    <message>
        <location filename="../../app/views/reminders/snooze_menu.py" line="85"/>
        <source>Next week</source>
        <translation>下周</translation>
    </message>
    <message>
        <location filename="../../app/views/reminders/snooze_menu.py" line="93"/>
        <source>Pick a date…</source>
        <translation>选择日期…</translation>
    </message>
    <message>
        <location filename="../../app/views/reminders/snooze_menu.py" line="115"/>
        <source>Snoozed “{0}” ({1}) until {2}.</source>
        <translation>已将“{0}”（{1}）推迟到 {2}。</translation>
    </message>
    <message>
        <location filename="../../app/views/reminders/snooze_menu.py" line="122"/>
        <source>Snooze undone: “{0}” is due {1} again.</source>
        <translation>已撤销推迟：“{0}”重新在 {1} 到期。</translation>
    </message>
</context>
<context>
    <name>StaffTable</name>
    <message>
        <location filename="../../app/views/dashboard/staff_table.py" line="28"/>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location filename="../../app/views/dashboard/staff_table.py" line="28"/>
        <source>Customers</source>
        <translation>客户数</translation>
    </message>
    <message>
        <location filename="../../app/views/dashboard/staff_table.py" line="28"/>
        <source>VIP / high / mid / low / other</source>
        <translation>VIP / 高 / 中 / 低 / 其他</translation>
    </message>
    <message>
        <location filename="../../app/views/dashboard/staff_table.py" line="29"/>
        <source>Revisits due / done / overdue</source>
        <translation>回访 应做 / 完成 / 逾期</translation>
    </message>
    <message>
        <location filename="../../app/views/dashboard/staff_table.py" line="29"/>
        <source>Contacts</source>
        <translation>联系次数</translation>
    </message>
    <message>
        <location filename="../../app/views/dashboard/staff_table.py" line="30"/>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <location filename="../../app/views/dashboard/staff_table.py" line="30"/>
        <source>Complaints in time / resolved</source>
        <translation>投诉 按时 / 已解决</translation>
    </message>
</context>
<context>
    <name>SurveyApplyPage</name>
    <message>
        <location filename="../../app/views/imports/survey_pages.py" line="181"/>
        <source>Import survey results</source>
        <translation>导入问卷结果</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/survey_pages.py" line="194"/>
        <source>Taking a backup, then recording…</source>
        <translation>正在备份，然后记录…</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/survey_pages.py" line="228"/>
        <source>The import failed; nothing was written.
%1</source>
        <translation>导入失败，未写入任何内容。
%1</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/survey_pages.py" line="235"/>
        <source>Recorded %1 survey response(s); %2 row(s) rejected. A backup was taken first.</source>
        <translation>已记录 %1 份问卷回答；拒绝 %2 行。导入前已自动备份。</translation>
    </message>
</context>
<context>
    <name>SurveyDialog</name>
    <message>
        <location filename="../../app/views/surveys/survey_dialog.py" line="50"/>
        <source>Survey</source>
        <translation>调查</translation>
    </message>
    <message>
        <location filename="../../app/views/surveys/survey_dialog.py" line="68"/>
        <source>{0} (version {1})</source>
        <translation>{0}（第 {1} 版）</translation>
    </message>
    <message>
        <location filename="../../app/views/surveys/survey_dialog.py" line="87"/>
        <source>Questionnaires…</source>
        <translation>问卷管理…</translation>
    </message>
    <message>
        <location filename="../../app/views/surveys/survey_dialog.py" line="88"/>
        <source>Edit the questionnaires (a change is a new version)</source>
        <translation>编辑问卷（每次修改保存为新版本）</translation>
    </message>
    <message>
        <location filename="../../app/views/surveys/survey_dialog.py" line="95"/>
        <source>Who asked</source>
        <translation>调查人</translation>
    </message>
    <message>
        <location filename="../../app/views/surveys/survey_dialog.py" line="98"/>
        <source>No survey answered yet.</source>
        <translation>尚未回答过问卷。</translation>
    </message>
    <message>
        <location filename="../../app/views/surveys/survey_dialog.py" line="99"/>
        <source>{0} survey(s); the latest {1:g} on {2}; trend {3}</source>
        <translation>已答 {0} 份问卷；最近一次 {1:g} 分（{2}）；趋势 {3}</translation>
    </message>
    <message>
        <location filename="../../app/views/surveys/survey_dialog.py" line="103"/>
        <source>So far</source>
        <translation>以往</translation>
    </message>
    <message>
        <location filename="../../app/views/surveys/survey_dialog.py" line="107"/>
        <source>Questionnaire</source>
        <translation>问卷</translation>
    </message>
    <message>
        <location filename="../../app/views/surveys/survey_dialog.py" line="108"/>
        <source>Answered on</source>
        <translation>回答日期</translation>
    </message>
    <message>
        <location filename="../../app/views/surveys/survey_dialog.py" line="109"/>
        <source>Asked by</source>
        <translation>调查人</translation>
    </message>
    <message>
        <location filename="../../app/views/surveys/survey_dialog.py" line="140"/>
        <source> (optional)</source>
        <translation>（选答）</translation>
    </message>
    <message>
        <location filename="../../app/views/surveys/survey_dialog.py" line="166"/>
        <source>Score {0:g} of 100</source>
        <translation>得分 {0:g} / 100</translation>
    </message>
    <message>
        <location filename="../../app/views/surveys/survey_dialog.py" line="178"/>
        <source>Survey not recorded</source>
        <translation>问卷未记录</translation>
    </message>
    <message>
        <location filename="../../app/views/surveys/survey_dialog.py" line="182"/>
        <source>Score {0:g}: a follow-up reminder for {1} is due on {2}.</source>
        <translation>得分 {0:g}：已为 {1} 创建跟进提醒，截止 {2}。</translation>
    </message>
    <message>
        <location filename="../../app/views/surveys/survey_dialog.py" line="183"/>
        <source>nobody</source>
        <translation>（无负责人）</translation>
    </message>
    <message>
        <location filename="../../app/views/surveys/survey_dialog.py" line="186"/>
        <source>Consider opening a complaint: {0}.</source>
        <translation>建议开立投诉：{0}。</translation>
    </message>
    <message>
        <location filename="../../app/views/surveys/survey_dialog.py" line="188"/>
        <source>Follow-up needed</source>
        <translation>需要跟进</translation>
    </message>
</context>
<context>
    <name>SurveyDryRunPage</name>
    <message>
        <location filename="../../app/views/imports/survey_pages.py" line="92"/>
        <source>Dry run: survey results</source>
        <translation>试运行：问卷结果</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/survey_pages.py" line="93"/>
        <source>What the import would record. Nothing has been written yet.</source>
        <translation>导入将记录的内容。尚未写入任何数据。</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/survey_pages.py" line="115"/>
        <source>Checking every row…</source>
        <translation>正在检查每一行…</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/survey_pages.py" line="151"/>
        <source>%1 response(s) to record, %2 row(s) rejected, %3 skipped.</source>
        <translation>将记录 %1 份问卷回答，拒绝 %2 行，跳过 %3 行。</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/survey_pages.py" line="154"/>
        <source>Sheet %1 not read: %2</source>
        <translation>工作表 %1 未读取：%2</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/survey_pages.py" line="157"/>
        <source>Press Apply to record them; a backup is taken first. A low score creates the owner&apos;s follow-up.</source>
        <translation>点击“应用”即可记录；记录前会先备份。低分回答会为客户经理创建跟进提醒。</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/survey_pages.py" line="160"/>
        <source>Nothing to record: no row of the file is a new response.</source>
        <translation>没有需要记录的内容：文件中没有新的问卷回答。</translation>
    </message>
</context>
<context>
    <name>SurveyTextsDialog</name>
    <message>
        <location filename="../../app/views/surveys/texts_dialog.py" line="52"/>
        <source>Survey comments</source>
        <translation>问卷文字意见</translation>
    </message>
    <message>
        <location filename="../../app/views/surveys/texts_dialog.py" line="66"/>
        <source>Answered</source>
        <translation>回答时间</translation>
    </message>
    <message>
        <location filename="../../app/views/surveys/texts_dialog.py" line="66"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../app/views/surveys/texts_dialog.py" line="66"/>
        <source>Questionnaire</source>
        <translation>问卷</translation>
    </message>
    <message>
        <location filename="../../app/views/surveys/texts_dialog.py" line="67"/>
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../app/views/surveys/texts_dialog.py" line="67"/>
        <source>Comment</source>
        <translation>意见</translation>
    </message>
    <message>
        <location filename="../../app/views/surveys/texts_dialog.py" line="76"/>
        <source>&amp;Month:</source>
        <translation>月份(&amp;M)：</translation>
    </message>
    <message>
        <location filename="../../app/views/surveys/texts_dialog.py" line="98"/>
        <source>Reading the comments…</source>
        <translation>正在读取文字意见…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/surveys/texts_dialog.py" line="123"/>
        <source>%n comment(s) in %1.</source>
        <translation>
            <numerusform>%1 共有 %n 条文字意见。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/views/surveys/texts_dialog.py" line="126"/>
        <source>No free-text answers in %1.</source>
        <translation>%1 没有文字意见。</translation>
    </message>
</context>
<context>
    <name>TagsEditor</name>
    <message>
        <location filename="../../app/views/dossier/tags_editor.py" line="34"/>
        <source>e.g. VIP, retired — separate tags with commas</source>
        <translation>例如：VIP，退休（多个标签用逗号分隔）</translation>
    </message>
</context>
<context>
    <name>TeamActions</name>
    <message>
        <location filename="../../app/views/shell/team_actions.py" line="33"/>
        <source>Open &amp;team server…</source>
        <translation>打开团队服务器(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/team_actions.py" line="43"/>
        <source>Kehu team database — {0}</source>
        <translation>团队数据库 — {0}</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/team_actions.py" line="45"/>
        <source>Kehu customer file — {0}</source>
        <translation>客户档案 — {0}</translation>
    </message>
    <message>
        <location filename="../../app/views/shell/team_actions.py" line="52"/>
        <source>A team database is backed up and its passwords kept by its server&apos;s administrator.</source>
        <translation>团队数据库的备份和密码由其服务器管理员负责。</translation>
    </message>
</context>
<context>
    <name>TemplateEditor</name>
    <message>
        <location filename="../../app/views/surveys/template_editor.py" line="42"/>
        <source>Revisit</source>
        <translation>回访</translation>
    </message>
    <message>
        <location filename="../../app/views/surveys/template_editor.py" line="43"/>
        <source>Complaint handling</source>
        <translation>投诉处理</translation>
    </message>
    <message>
        <location filename="../../app/views/surveys/template_editor.py" line="44"/>
        <source>Branch service</source>
        <translation>网点服务</translation>
    </message>
    <message>
        <location filename="../../app/views/surveys/template_editor.py" line="45"/>
        <source>After purchase</source>
        <translation>购后跟进</translation>
    </message>
    <message>
        <location filename="../../app/views/surveys/template_editor.py" line="46"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../app/views/surveys/template_editor.py" line="56"/>
        <location filename="../../app/views/surveys/template_editor.py" line="180"/>
        <location filename="../../app/views/surveys/template_editor.py" line="183"/>
        <source>Questionnaires</source>
        <translation>问卷管理</translation>
    </message>
    <message>
        <location filename="../../app/views/surveys/template_editor.py" line="71"/>
        <source>Add the NPS question</source>
        <translation>添加推荐度（NPS）题</translation>
    </message>
    <message>
        <location filename="../../app/views/surveys/template_editor.py" line="89"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../app/views/surveys/template_editor.py" line="90"/>
        <source>Used for</source>
        <translation>用途</translation>
    </message>
    <message>
        <location filename="../../app/views/surveys/template_editor.py" line="91"/>
        <source>Description</source>
        <translation>问题描述</translation>
    </message>
    <message>
        <location filename="../../app/views/surveys/template_editor.py" line="94"/>
        <source>Questions (JSON)</source>
        <translation>题目（JSON）</translation>
    </message>
    <message>
        <location filename="../../app/views/surveys/template_editor.py" line="98"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location filename="../../app/views/surveys/template_editor.py" line="114"/>
        <source>New questionnaire: saved as version 1</source>
        <translation>新问卷：保存为第 1 版</translation>
    </message>
    <message>
        <location filename="../../app/views/surveys/template_editor.py" line="118"/>
        <source>Version {0}; a change is saved as version {1}, earlier answers keep theirs</source>
        <translation>第 {0} 版；修改后保存为第 {1} 版，之前的回答仍按原版本保存</translation>
    </message>
    <message>
        <location filename="../../app/views/surveys/template_editor.py" line="147"/>
        <location filename="../../app/views/surveys/template_editor.py" line="174"/>
        <source>Not valid JSON: {0} (line {1})</source>
        <translation>不是有效的 JSON：{0}（第 {1} 行）</translation>
    </message>
    <message>
        <location filename="../../app/views/surveys/template_editor.py" line="155"/>
        <source>{0} questions; the score weighs {1:g} in all.</source>
        <translation>共 {0} 题；计分权重合计 {1:g}。</translation>
    </message>
    <message>
        <location filename="../../app/views/surveys/template_editor.py" line="177"/>
        <source>Questionnaire not saved</source>
        <translation>问卷未保存</translation>
    </message>
    <message>
        <location filename="../../app/views/surveys/template_editor.py" line="181"/>
        <source>Nothing changed: {0} stays at version {1}.</source>
        <translation>没有改动：{0} 仍为第 {1} 版。</translation>
    </message>
    <message>
        <location filename="../../app/views/surveys/template_editor.py" line="184"/>
        <source>Saved {0} as version {1}.</source>
        <translation>已将 {0} 保存为第 {1} 版。</translation>
    </message>
</context>
<context>
    <name>TierActions</name>
    <message>
        <location filename="../../app/views/tiers/tier_actions.py" line="40"/>
        <source>Tie&amp;rs</source>
        <translation>分级(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/tier_actions.py" line="41"/>
        <source>&amp;Recompute tiers</source>
        <translation>重新计算分级(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/tier_actions.py" line="43"/>
        <source>Tiering r&amp;ules…</source>
        <translation>分级规则(&amp;U)…</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/tier_actions.py" line="45"/>
        <source>&amp;Plan revisits…</source>
        <translation>回访计划(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/tier_actions.py" line="72"/>
        <source>Tiers brought up to date: {0:,} customers changed tier or stage.</source>
        <translation>分级已更新到今天：{0:,} 位客户的等级或阶段有变化。</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/tier_actions.py" line="79"/>
        <source>Points not brought up to date</source>
        <translation>积分未能更新</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/tier_actions.py" line="80"/>
        <source>The tiers are up to date, but points and member levels could not follow: {0}

Nothing of today&apos;s points run was written: purchases since the last run have not earned points yet, expired points are still counted and member levels are as before. It is tried again the next time the file is opened, and can be run by hand with `kehu points run`.</source>
        <translation>客户等级已更新，但积分和会员等级未能随之更新：{0}

今天的积分计算没有写入任何内容：上次计算以来的购买尚未获得积分，已到期的积分仍计入余额，会员等级保持不变。下次打开文件时会再次尝试，也可以用 `kehu points run` 手动运行。</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/tier_actions.py" line="96"/>
        <source>an unexpected error ({0}); the details are in the log</source>
        <translation>意外错误（{0}）；详情见日志</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/tier_actions.py" line="99"/>
        <source>Tiers could not be brought up to date: {0}</source>
        <translation>无法更新分级：{0}</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/tier_actions.py" line="104"/>
        <source>Recomputing tiers…</source>
        <translation>正在重新计算分级…</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/tier_actions.py" line="107"/>
        <source>Recompute tiers</source>
        <translation>重新计算分级</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/tier_actions.py" line="111"/>
        <source>Tiers recomputed: {0:,} customers, {1:,} changed.</source>
        <translation>分级已重新计算：{0:,} 位客户，{1:,} 位有变化。</translation>
    </message>
    <message>
        <location filename="../../app/views/tiers/tier_actions.py" line="121"/>
        <source>Rules saved (version {0}); {1:,} customers changed tier or stage.</source>
        <translation>规则已保存（第 {0} 版）；{1:,} 位客户的等级或阶段有变化。</translation>
    </message>
</context>
<context>
    <name>TimelineTab</name>
    <message>
        <location filename="../../app/views/dossier/timeline_tab.py" line="57"/>
        <source>All channels</source>
        <translation>全部渠道</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/timeline_tab.py" line="58"/>
        <source>All purposes</source>
        <translation>全部目的</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/timeline_tab.py" line="64"/>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/timeline_tab.py" line="124"/>
        <source>No contacts match these filters.</source>
        <translation>没有符合筛选条件的联系记录。</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/timeline_tab.py" line="125"/>
        <source>No contact with this customer recorded yet. Log the first one below: pick the channel and purpose, type what happened, press Enter.</source>
        <translation>尚未记录与该客户的联系。请在下方记录第一条：选择渠道和目的，输入联系内容，然后按 Enter。</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/timeline_tab.py" line="168"/>
        <source>Newest {0:,} shown; scroll for more</source>
        <translation>已显示最新的 {0:,} 条，向下滚动可查看更多</translation>
    </message>
    <message>
        <location filename="../../app/views/dossier/timeline_tab.py" line="170"/>
        <source>{0:,} shown</source>
        <translation>已显示 {0:,} 条</translation>
    </message>
</context>
<context>
    <name>TrashWithUndo</name>
    <message>
        <location filename="../../app/views/shell/trash_undo.py" line="24"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/shell/trash_undo.py" line="42"/>
        <source>%n customer(s) moved to the trash.</source>
        <translation>
            <numerusform>已将 %n 位客户移入回收站。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/shell/trash_undo.py" line="79"/>
        <source>Restored %n customer(s) from the trash.</source>
        <translation>
            <numerusform>已从回收站恢复 %n 位客户。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UndoImport</name>
    <message>
        <location filename="../../app/views/imports/undo_last.py" line="21"/>
        <source>Undo last import</source>
        <translation>撤销上次导入</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/undo_last.py" line="38"/>
        <source>Undo import %1 (%2, imported %3)?

%4 customers, %5 purchases and %6 contacts it added will be removed; %7 customers it changed get their previous values back. A backup is taken first.</source>
        <translation>要撤销导入 %1（%2，导入于 %3）吗？

将删除该次导入新增的客户 %4 位、购买记录 %5 条和联系记录 %6 条；该次导入修改过的 %7 位客户将恢复原值。撤销前会先备份。</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/undo_last.py" line="75"/>
        <source>Undoing the import…</source>
        <translation>正在撤销导入…</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/undo_last.py" line="81"/>
        <source>Undo only what is still as the import left it, and skip these customers?</source>
        <translation>只撤销仍保持导入时状态的内容，并跳过这些客户？</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/undo_last.py" line="95"/>
        <source>Import %1 (%2) was undone: %3 customers removed, %4 restored, %5 purchases and %6 contacts removed.</source>
        <translation>已撤销导入 %1（%2）：删除客户 %3 位，恢复 %4 位，删除购买记录 %5 条、联系记录 %6 条。</translation>
    </message>
    <message>
        <location filename="../../app/views/imports/undo_last.py" line="103"/>
        <source>%1 customers changed since the import were left as they are:</source>
        <translation>导入后被修改的 %1 位客户保持原样：</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <location filename="../../app/views/files/unlock_dialog.py" line="78"/>
        <source>Unlock customer file</source>
        <translation>解锁客户档案</translation>
    </message>
    <message>
        <location filename="../../app/views/files/unlock_dialog.py" line="83"/>
        <location filename="../../app/views/files/unlock_dialog.py" line="141"/>
        <source>File: {0}</source>
        <translation>文件：{0}</translation>
    </message>
    <message>
        <location filename="../../app/views/files/unlock_dialog.py" line="88"/>
        <source>Recent files…</source>
        <translation>最近使用的文件…</translation>
    </message>
    <message>
        <location filename="../../app/views/files/unlock_dialog.py" line="97"/>
        <source>Use the recovery key instead of the password</source>
        <translation>用恢复密钥代替密码</translation>
    </message>
    <message>
        <location filename="../../app/views/files/unlock_dialog.py" line="102"/>
        <location filename="../../app/views/files/unlock_dialog.py" line="155"/>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <location filename="../../app/views/files/unlock_dialog.py" line="108"/>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <location filename="../../app/views/files/unlock_dialog.py" line="112"/>
        <source>Open another file…</source>
        <translation>打开其他文件…</translation>
    </message>
    <message>
        <location filename="../../app/views/files/unlock_dialog.py" line="115"/>
        <source>Open team server…</source>
        <translation>打开团队服务器…</translation>
    </message>
    <message>
        <location filename="../../app/views/files/unlock_dialog.py" line="155"/>
        <source>Recovery key:</source>
        <translation>恢复密钥：</translation>
    </message>
    <message>
        <location filename="../../app/views/files/unlock_dialog.py" line="163"/>
        <source>Enter the password first.</source>
        <translation>请先输入密码。</translation>
    </message>
    <message>
        <location filename="../../app/views/files/unlock_dialog.py" line="166"/>
        <source>Unlocking…</source>
        <translation>正在解锁…</translation>
    </message>
    <message>
        <location filename="../../app/views/files/unlock_dialog.py" line="185"/>
        <source>Wrong recovery key.</source>
        <translation>恢复密钥不正确。</translation>
    </message>
    <message>
        <location filename="../../app/views/files/unlock_dialog.py" line="186"/>
        <source>Wrong password.</source>
        <translation>密码不正确。</translation>
    </message>
    <message>
        <location filename="../../app/views/files/unlock_dialog.py" line="190"/>
        <source>Unexpected error: {0}</source>
        <translation>意外错误：{0}</translation>
    </message>
</context>
</TS>

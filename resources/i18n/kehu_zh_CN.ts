<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>AppMain</name>
    <message>
        <location filename="../../app/views/app_main.py" line="41" />
        <source>Open customer file</source>
        <translation>打开客户档案</translation>
    </message>
    <message>
        <location filename="../../app/views/app_main.py" line="42" />
        <source>Kehu files (*.db)</source>
        <translation>客户档案文件 (*.db)</translation>
    </message>
</context>
<context>
    <name>CreateFileDialog</name>
    <message>
        <location filename="../../app/views/dialogs/file/create_file_dialog.py" line="26" />
        <source>Create a customer file</source>
        <translation>创建客户档案</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/file/create_file_dialog.py" line="29" />
        <source>No customer file yet. Kehu keeps all customer data in one encrypted file:
{0}</source>
        <translation>还没有客户档案。客户档案的全部数据保存在一个加密文件中：
{0}</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/file/create_file_dialog.py" line="37" />
        <source>Fill it with demo customers to try Kehu out</source>
        <translation>填入演示客户数据，先试用一下</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/file/create_file_dialog.py" line="39" />
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/file/create_file_dialog.py" line="41" />
        <source>Repeat:</source>
        <translation>再次输入：</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/file/create_file_dialog.py" line="45" />
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/file/create_file_dialog.py" line="61" />
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>DemoFill</name>
    <message>
        <location filename="../../app/views/demo_fill.py" line="18" />
        <source>Generating demo customers…</source>
        <translation>正在生成演示客户…</translation>
    </message>
    <message>
        <location filename="../../app/views/demo_fill.py" line="19" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/views/main_window.py" line="24" />
        <source>Kehu customer file — {0}</source>
        <translation>客户档案 — {0}</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="26" />
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="29" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="30" />
        <source>&amp;Back up now</source>
        <translation>立即备份(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="33" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="44" />
        <source>{0} customers · {1} purchases · {2} contacts · {3} open reminders</source>
        <translation>{0} 位客户 · {1} 笔购买 · {2} 次联系 · {3} 条待办提醒</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="51" />
        <location filename="../../app/views/main_window.py" line="52" />
        <source>Backup</source>
        <translation>备份</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="51" />
        <source>Backup written to
{0}</source>
        <translation>备份已保存到
{0}</translation>
    </message>
</context>
<context>
    <name>PasswordStrength</name>
    <message>
        <location filename="../../app/views/password_strength.py" line="23" />
        <source>Too short: at least 8 characters</source>
        <translation>太短：至少 8 个字符</translation>
    </message>
    <message>
        <location filename="../../app/views/password_strength.py" line="24" />
        <source>Weak: longer, or mix letters, digits and symbols</source>
        <translation>弱：请加长，或混合字母、数字和符号</translation>
    </message>
    <message>
        <location filename="../../app/views/password_strength.py" line="26" />
        <source>Fair</source>
        <translation>中等</translation>
    </message>
    <message>
        <location filename="../../app/views/password_strength.py" line="27" />
        <source>Strong</source>
        <translation>强</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyDialog</name>
    <message>
        <location filename="../../app/views/dialogs/file/create_file_dialog.py" line="71" />
        <source>Your recovery key</source>
        <translation>您的恢复密钥</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/file/create_file_dialog.py" line="73" />
        <source>This recovery key opens the customer file if the password is forgotten. It is shown only now. Write it down and keep it somewhere safe.</source>
        <translation>忘记密码时，可用此恢复密钥打开客户档案。它只显示这一次，请抄写下来并妥善保管。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/file/create_file_dialog.py" line="82" />
        <source>I have written it down</source>
        <translation>我已抄写好</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/file/create_file_dialog.py" line="84" />
        <source>Copy</source>
        <translation>复制</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <location filename="../../app/views/dialogs/file/unlock_dialog.py" line="41" />
        <source>Unlock customer file</source>
        <translation>解锁客户档案</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/file/unlock_dialog.py" line="43" />
        <source>File: {0}</source>
        <translation>文件：{0}</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/file/unlock_dialog.py" line="47" />
        <source>Use the recovery key instead of the password</source>
        <translation>用恢复密钥代替密码</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/file/unlock_dialog.py" line="52" />
        <location filename="../../app/views/dialogs/file/unlock_dialog.py" line="78" />
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/file/unlock_dialog.py" line="58" />
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/file/unlock_dialog.py" line="62" />
        <source>Open another file…</source>
        <translation>打开其他文件…</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/file/unlock_dialog.py" line="78" />
        <source>Recovery key:</source>
        <translation>恢复密钥：</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/file/unlock_dialog.py" line="86" />
        <source>Enter the password first.</source>
        <translation>请先输入密码。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/file/unlock_dialog.py" line="89" />
        <source>Unlocking…</source>
        <translation>正在解锁…</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/file/unlock_dialog.py" line="108" />
        <source>Unexpected error: {0}</source>
        <translation>意外错误：{0}</translation>
    </message>
</context>
</TS>
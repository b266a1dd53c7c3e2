"""Rouge 3.30's Batchfile lexer (rouge/lexers/batchfile.rb). Its `elsif "set".casecmp m[1]` is
always true (casecmp returns an Integer): a word in none of the lists is Keyword::Declaration."""
from .engine import RegexLexer, mixin
from .tokens import Comment, Error, Keyword, Literal, Name, Operator, Str, Text

KEYWORDS = frozenset("if else for in do goto call exit".split())
OPERATOR_WORDS = frozenset("exist defined errorlevel cmdextversion not equ neq lss leq gtr geq".split())
DEVICES = frozenset("""con prn aux nul com1 com2 com3 com4 com5 com6 com7 com8 com9 lpt1 lpt2
    lpt3 lpt4 lpt5 lpt6 lpt7 lpt8 lpt9""".split())
COMMANDS = frozenset("""assoc attrib break bcdedit cacls cd chcp chdir chkdsk chkntfs choice
    cls cmd color comp compact convert copy date del dir diskpart doskey
    dpath driverquery echo endlocal erase fc find findstr format fsutil
    ftype gpresult graftabl help icacls label md mkdir mklink mode more
    move openfiles path pause popd print prompt pushd rd recover ren
    rename replace rmdir robocopy setlocal sc schtasks shift shutdown sort
    start subst systeminfo takeown tasklist taskkill time timeout title
    tree type ver verify vol xcopy waitfor wmic
    addusers admodcmd ansicon arp at bcdboot bitsadmin browstat certreq
    certutil change cidiag cipher cleanmgr clip cmdkey compress convertcp
    coreinfo csccmd csvde cscript curl debug defrag delprof deltree devcon
    diamond dirquota diruse diskshadow diskuse dism dnscmd dsacls dsadd
    dsget dsquery dsmod dsmove dsrm dsmgmt dsregcmd edlin eventcreate
    expand extract fdisk fltmc forfiles freedisk ftp getmac gpupdate
    hostname ifmember inuse ipconfig kill lgpo lodctr logman logoff
    logtime makecab mapisend mbsacli mem mountvol moveuser msg mshta
    msiexec msinfo32 mstsc nbtstat net net1 netdom netsh netstat nlsinfo
    nltest now nslookup ntbackup ntdsutil ntoskrnl ntrights nvspbind
    pathping perms ping portqry powercfg pngout pnputil printbrm prncnfg
    prnmngr procdump psexec psfile psgetsid psinfo pskill pslist
    psloggedon psloglist pspasswd psping psservice psshutdown pssuspend
    qbasic qgrep qprocess query quser qwinsta rasdial reg reg1 regdump
    regedt32 regsvr32 regini reset restore rundll32 rmtshare route rpcping
    run runas scandisk setspn setx sfc share shellrunas shortcut sigcheck
    sleep slmgr strings subinacl sysmon telnet tftp tlist touch tracerpt
    tracert tscon tsdiscon tskill tttracer typeperf tzutil undelete
    unformat verifier vmconnect vssadmin w32tm wbadmin wecutil wevtutil
    wget where whoami windiff winrm winrs wpeutil wpr wusa wuauclt wscript""".split())  # (builtin and other)
ATTRIBUTES = frozenset("on off disable enableextensions enabledelayedexpansion".split())


def _word(lexer, m):
    word = m.group(1)
    if word in DEVICES:
        lexer.groups(Keyword.Reserved, Error)
    elif word in KEYWORDS:
        lexer.groups(Keyword, Error)
    elif word in OPERATOR_WORDS:
        lexer.groups(Operator.Word, Error)
    elif word in COMMANDS:
        lexer.token(Name.Builtin)
    elif word in ATTRIBUTES:
        lexer.groups(Name.Attribute, Error)
    else:
        lexer.groups(Keyword.Declaration, Error)


class Batchfile(RegexLexer):
    tag = "batchfile"
    states = {
        "basic": [
            (r"(?i)@?rem\b.*$", Comment),  # (`@?\brem`: the \b holds before `rem` wherever the scan is)
            (r"^::.*$", Comment),
            (r"(?i):[a-z]+", Name.Label),
            (r"(?i)([a-z]\w*)(\.exe|com|bat|cmd|msi)?", _word),
            (r"(?i)((?:[/+]|--?)[a-z]+)\s*", Name.Attribute),
            mixin("expansions"),
            (r"[<>&|(){}\[\]\-+=;,~?*]", Operator),
        ],
        "escape": [(r"(?s)\^.", Str.Escape)],
        "expansions": [
            (r"(?i)[%!]+([a-z_$@#]+)[%!]+", Name.Variable),
            (r"(?i)(\%+~?[a-z]+\d?)", Name.Variable.Magic),
        ],
        "double_quotes": [
            mixin("escape"),
            (r'["]', Str.Double, "#pop"),
            mixin("expansions"),
            (r'[^\^"%!]+', Str.Double),
        ],
        "single_quotes": [
            mixin("escape"),
            (r"[']", Str.Single, "#pop"),
            mixin("expansions"),
            (r"[^\^'%!]+", Str.Single),
        ],
        "backtick": [
            mixin("escape"),
            (r"[`]", Str.Backtick, "#pop"),
            mixin("expansions"),
            (r"[^\^`%!]+", Str.Backtick),
        ],
        "data": [
            (r"\s+", Text),
            (r"(?i)0x[0-9a-f]+", Literal.Number.Hex),
            (r"[0-9]", Literal.Number),
            (r'["]', Str.Double, "double_quotes"),
            (r"[']", Str.Single, "single_quotes"),
            (r"[`]", Str.Backtick, "backtick"),
            (r"""[^\s&|()\[\]{}\^=;!%+\-,"'`~?*]+""", Text),
            mixin("escape"),
        ],
        "root": [mixin("basic"), mixin("data")],
    }

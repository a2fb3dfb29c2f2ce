@echo off
rem mlt-rules: the command-line tool of the distribution. Needs only Java 17 or later: JAVA_HOME, or java on the PATH.
rem   bin\mlt-rules --help
rem   bin\mlt-rules assess cases\demo.jsonl
rem Environment: JAVA_HOME (the Java 17+ to run), MLT_RULES_JAVA_OPTS (extra JVM options, e.g. -Xmx2g).
setlocal
set "MLT_RULES_HOME=%~dp0.."
if defined JAVA_HOME (
  set "JAVA_EXE=%JAVA_HOME%\bin\java.exe"
) else (
  set "JAVA_EXE=java"
)
"%JAVA_EXE%" -Xshare:auto -XX:+UseSerialGC -XX:TieredStopAtLevel=1 %MLT_RULES_JAVA_OPTS% -cp "%MLT_RULES_HOME%\lib\*" org.mltrules.cli.Main %*
exit /b %ERRORLEVEL%

"""The MkDocs hook file named in mkdocs.yml: short adapters from MkDocs events to the engine.

The engine (hooks/mobility_portal/) does the work. It is imported here, at the top: MkDocs puts
hooks/ on sys.path only while this file loads. `mkdocs serve` does not reload hook code:
restart it after editing Python.
"""

from mkdocs.plugins import event_priority

from mobility_portal import mkdocs_adapter


def on_startup(command, dirty):
    mkdocs_adapter.remember_command(command)


@event_priority(100)  # first: every other plugin must see the staged docs folder
def on_config(config):
    return mkdocs_adapter.configure(config)


def on_env(env, config, files):
    mkdocs_adapter.reset_language_switcher(config)
    return env


def on_page_context(context, page, config, nav):
    return mkdocs_adapter.project_navigation(context, page, nav)


def on_post_template(output_content, template_name, config):
    return mkdocs_adapter.keep_default_404(output_content, template_name, config)


def on_serve(server, config, builder):
    mkdocs_adapter.watch_inputs(server, config)
    return server


@event_priority(-200)  # last: after mkdocs-static-i18n (-100) has built every language
def on_post_build(config):
    mkdocs_adapter.guard_site(config)
    mkdocs_adapter.release_lock(config)


def on_build_error(error):
    mkdocs_adapter.release_lock()

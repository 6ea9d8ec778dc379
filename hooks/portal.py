"""The MkDocs hook file named in mkdocs.yml: short adapters from MkDocs events to the engine.

The MkDocs backend (hooks/mobility_portal/backends/mkdocs/) does the work, with its state on one
object, ADAPTER. It is imported here, at the top: MkDocs puts hooks/ on sys.path only while this
file loads. `mkdocs serve` does not reload hook code: restart it after editing Python.
"""

from mkdocs.plugins import event_priority

from mobility_portal.backends.mkdocs import adapter
from mobility_portal.backends.mkdocs.adapter import ADAPTER


def on_startup(command, dirty):
    ADAPTER.command = command


@event_priority(100)  # first: every other plugin must see the staged docs folder
def on_config(config):
    return ADAPTER.configure(config)


def on_nav(nav, config, files):
    ADAPTER.capture(config, nav=nav)
    return nav


def on_env(env, config, files):
    adapter.reset_language_switcher(config)
    adapter.keep_compiled_templates(env)
    ADAPTER.capture(config, env=env, files=files)
    return env


def on_page_context(context, page, config, nav):
    return adapter.project_navigation(context, page, nav)


def on_post_template(output_content, template_name, config):
    return ADAPTER.place_404(output_content, template_name, config)


def on_serve(server, config, builder):
    adapter.watch_inputs(server, config)
    return server


@event_priority(-200)  # last: after mkdocs-static-i18n (-100) has built every language
def on_post_build(config):
    ADAPTER.finish_site(config)
    ADAPTER.release_lock(config)


def on_build_error(error):
    ADAPTER.failed()

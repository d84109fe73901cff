"""The widget's own words, in the site's language, each one replaceable."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Optional

# Keys as authors write them under `messages:`. Those in NUMBERED take {n}, those in
# PAIRED {m} too.
CATALOG: dict[str, dict[str, str]] = {
    "en": {
        "title": "Chat with us",
        "greeting": "Hi! How can we help?",
        "launcher_label": "Open chat",
        "close": "Close chat",
        "submit": "Submit",
        "success": "Thanks! That went through.",
        "error": "Sorry, that did not go through. Please try again.",
        "required": "This field is required.",
        "email": "Enter a valid email address, like name@example.com.",
        "url": "Enter a full web address, starting with https://.",
        "number": "Enter a number.",
        "too_long": "Use at most {n} characters.",
        "choose": "Choose one of the options.",
        "choose_prompt": "Choose…",
        "fix": "Please correct the fields marked below.",
        "sending": "Sending…",
        "retry": "Try again",
        "pending": "Not sent yet: it is saved in this browser and will be sent when the "
        "service answers.",
        "preview": "Preview: nothing was sent (preview: false in the plugin's options sends "
        "for real). The webhook would receive this request:",
        "consent": "The full chat loads once you accept its cookies.",
        "consent_settings": "Cookie settings",
        "replaced": "This replaces your earlier message, which had not been sent yet.",
        "replaced_unsure": "This replaces your earlier message, which may already have "
        "reached us: it is marked as a correction.",
        "unconfirmed": "Sent, but the service did not let this page read its answer: "
        "it has most likely arrived, and will not be sent again.",
        "not_kept": "Not sent, and this browser could not keep it to send later. "
        "Your input is still in the form: please try again.",
        "pattern": "Use the format asked for.",
        "too_small": "Enter {n} or more.",
        "too_large": "Enter {n} or less.",
        "step": "Use steps of {n}.",
        "step_near": "Enter {n} or {m}.",
        "date": "Enter a date.",
        "too_early": "Choose {n} or later.",
        "too_late": "Choose {n} or earlier.",
        "mailto": "Your mail program opens with the message: send it from there.",
        "not_loaded": "The chat could not load.",
        "honeypot": "Leave this field empty.",
        "ask": "Ask a question about these docs",
        "ask_send": "Ask",
        "conversation": "Questions and answers",
        "found": "From these pages:",
        "not_found": "I could not find an answer to that in these pages.",
        "not_found_offer": "The team can help:",
        "asking": "Looking in these pages…",
        "ask_failed": "These pages could not be read just now. Check the connection and ask again.",
        "clear": "Clear questions",
        "required_note": "Fields marked * are required.",
    },
    "de": {
        "title": "Schreiben Sie uns",
        "greeting": "Hallo! Wie können wir helfen?",
        "launcher_label": "Chat öffnen",
        "close": "Chat schließen",
        "submit": "Senden",
        "success": "Danke! Ihre Nachricht ist angekommen.",
        "error": "Das hat leider nicht geklappt. Bitte versuchen Sie es noch einmal.",
        "required": "Dieses Feld ist erforderlich.",
        "email": "Geben Sie eine gültige E-Mail-Adresse ein, z. B. name@example.com.",
        "url": "Geben Sie eine vollständige Webadresse ein, beginnend mit https://.",
        "number": "Geben Sie eine Zahl ein.",
        "too_long": "Höchstens {n} Zeichen.",
        "choose": "Wählen Sie eine der Optionen.",
        "choose_prompt": "Bitte wählen…",
        "fix": "Bitte korrigieren Sie die markierten Felder.",
        "sending": "Wird gesendet…",
        "retry": "Erneut versuchen",
        "pending": "Noch nicht gesendet: Die Nachricht ist in diesem Browser gespeichert und "
        "wird gesendet, sobald der Dienst antwortet.",
        "preview": "Vorschau: Nichts wurde gesendet (mit preview: false in den Optionen des "
        "Plugins wird wirklich gesendet). Der Webhook würde diese Anfrage erhalten:",
        "consent": "Der vollständige Chat lädt, sobald Sie seinen Cookies zustimmen.",
        "consent_settings": "Cookie-Einstellungen",
        "replaced": "Dies ersetzt Ihre frühere, noch nicht gesendete Nachricht.",
        "replaced_unsure": "Dies ersetzt Ihre frühere Nachricht, die uns vielleicht schon "
        "erreicht hat: Sie ist als Korrektur gekennzeichnet.",
        "unconfirmed": "Gesendet, aber der Dienst lässt diese Seite seine Antwort "
        "nicht lesen: Die Nachricht ist sehr wahrscheinlich angekommen "
        "und wird nicht erneut gesendet.",
        "not_kept": "Nicht gesendet, und dieser Browser konnte die Nachricht nicht für "
        "später speichern. Ihre Eingaben stehen noch im Formular: Bitte versuchen Sie es "
        "noch einmal.",
        "pattern": "Bitte das verlangte Format verwenden.",
        "too_small": "Mindestens {n}.",
        "too_large": "Höchstens {n}.",
        "step": "Nur in Schritten von {n}.",
        "step_near": "Zum Beispiel {n} oder {m}.",
        "date": "Geben Sie ein Datum ein.",
        "too_early": "Frühestens {n}.",
        "too_late": "Spätestens {n}.",
        "mailto": "Ihr E-Mail-Programm öffnet sich mit der Nachricht: Senden Sie sie von dort.",
        "not_loaded": "Der Chat konnte nicht geladen werden.",
        "honeypot": "Dieses Feld leer lassen.",
        "ask": "Fragen Sie etwas zu dieser Dokumentation",
        "ask_send": "Fragen",
        "conversation": "Fragen und Antworten",
        "found": "Aus diesen Seiten:",
        "not_found": "Dazu habe ich auf diesen Seiten keine Antwort gefunden.",
        "not_found_offer": "Das Team hilft weiter:",
        "asking": "Suche auf diesen Seiten…",
        "ask_failed": "Die Seiten konnten gerade nicht gelesen werden. "
        "Prüfen Sie die Verbindung und fragen Sie noch einmal.",
        "clear": "Fragen löschen",
        "required_note": "Mit * markierte Felder sind Pflichtfelder.",
    },
    "fr": {
        "title": "Discutons",
        "greeting": "Bonjour ! Comment pouvons-nous vous aider ?",
        "launcher_label": "Ouvrir le chat",
        "close": "Fermer le chat",
        "submit": "Envoyer",
        "success": "Merci ! C'est bien reçu.",
        "error": "Désolé, l'envoi a échoué. Veuillez réessayer.",
        "required": "Ce champ est obligatoire.",
        "email": "Saisissez une adresse e-mail valide, par exemple nom@example.com.",
        "url": "Saisissez une adresse web complète, commençant par https://.",
        "number": "Saisissez un nombre.",
        "too_long": "{n} caractères au maximum.",
        "choose": "Choisissez l'une des options.",
        "choose_prompt": "Choisir…",
        "fix": "Veuillez corriger les champs indiqués ci-dessous.",
        "sending": "Envoi en cours…",
        "retry": "Réessayer",
        "pending": "Pas encore envoyé : c'est enregistré dans ce navigateur et sera envoyé "
        "dès que le service répondra.",
        "preview": "Aperçu : rien n'a été envoyé (avec preview: false dans les options du "
        "plugin, l'envoi est réel). Le webhook recevrait cette requête :",
        "consent": "Le chat complet se charge une fois ses cookies acceptés.",
        "consent_settings": "Paramètres des cookies",
        "replaced": "Ceci remplace votre message précédent, qui n'avait pas encore été envoyé.",
        "replaced_unsure": "Ceci remplace votre message précédent, qui nous est peut-être "
        "déjà parvenu : il est marqué comme une correction.",
        "unconfirmed": "Envoyé, mais le service ne laisse pas cette page lire sa "
        "réponse : le message est très probablement arrivé et ne sera "
        "pas renvoyé.",
        "not_kept": "Non envoyé, et ce navigateur n'a pas pu le garder pour l'envoyer plus tard. "
        "Votre saisie est toujours dans le formulaire : veuillez réessayer.",
        "pattern": "Respectez le format demandé.",
        "too_small": "Au moins {n}.",
        "too_large": "Au plus {n}.",
        "step": "Par pas de {n}.",
        "step_near": "Par exemple {n} ou {m}.",
        "date": "Saisissez une date.",
        "too_early": "Le {n} au plus tôt.",
        "too_late": "Le {n} au plus tard.",
        "mailto": "Votre messagerie s'ouvre avec le message : envoyez-le depuis celle-ci.",
        "not_loaded": "Le chat n'a pas pu se charger.",
        "honeypot": "Laissez ce champ vide.",
        "ask": "Posez une question sur cette documentation",
        "ask_send": "Demander",
        "conversation": "Questions et réponses",
        "found": "Dans ces pages :",
        "not_found": "Je n’ai pas trouvé de réponse à cela dans ces pages.",
        "not_found_offer": "L’équipe peut vous aider :",
        "asking": "Recherche dans ces pages…",
        "ask_failed": "Ces pages n’ont pas pu être lues pour l’instant. "
        "Vérifiez la connexion et posez la question à nouveau.",
        "clear": "Effacer les questions",
        "required_note": "Les champs marqués * sont obligatoires.",
    },
    "es": {
        "title": "Chatea con nosotros",
        "greeting": "¡Hola! ¿En qué podemos ayudarte?",
        "launcher_label": "Abrir chat",
        "close": "Cerrar chat",
        "submit": "Enviar",
        "success": "¡Gracias! Se ha enviado.",
        "error": "Lo sentimos, no se pudo enviar. Inténtalo de nuevo.",
        "required": "Este campo es obligatorio.",
        "email": "Introduce un correo electrónico válido, como nombre@example.com.",
        "url": "Introduce una dirección web completa que empiece por https://.",
        "number": "Introduce un número.",
        "too_long": "Usa como máximo {n} caracteres.",
        "choose": "Elige una de las opciones.",
        "choose_prompt": "Elegir…",
        "fix": "Corrige los campos marcados abajo.",
        "sending": "Enviando…",
        "retry": "Reintentar",
        "pending": "Aún no se ha enviado: se guarda en este navegador y se enviará cuando el "
        "servicio responda.",
        "preview": "Vista previa: no se envió nada (con preview: false en las opciones del "
        "plugin se envía de verdad). El webhook recibiría esta solicitud:",
        "consent": "El chat completo se carga cuando acepta sus cookies.",
        "consent_settings": "Configuración de cookies",
        "replaced": "Esto reemplaza tu mensaje anterior, que aún no se había enviado.",
        "replaced_unsure": "Esto reemplaza tu mensaje anterior, que quizá ya nos haya "
        "llegado: se marca como una corrección.",
        "unconfirmed": "Enviado, pero el servicio no deja que esta página lea su "
        "respuesta: lo más probable es que haya llegado y no se "
        "volverá a enviar.",
        "not_kept": "No se envió, y este navegador no pudo guardarlo para enviarlo más tarde. "
        "Lo que escribiste sigue en el formulario: inténtalo de nuevo.",
        "pattern": "Usa el formato indicado.",
        "too_small": "Introduce {n} o más.",
        "too_large": "Introduce {n} o menos.",
        "step": "Usa incrementos de {n}.",
        "step_near": "Introduce {n} o {m}.",
        "date": "Introduce una fecha.",
        "too_early": "Elige {n} o una fecha posterior.",
        "too_late": "Elige {n} o una fecha anterior.",
        "mailto": "Se abre tu programa de correo con el mensaje: envíalo desde allí.",
        "not_loaded": "No se pudo cargar el chat.",
        "honeypot": "Deja este campo vacío.",
        "ask": "Pregunte algo sobre esta documentación",
        "ask_send": "Preguntar",
        "conversation": "Preguntas y respuestas",
        "found": "En estas páginas:",
        "not_found": "No encontré una respuesta a eso en estas páginas.",
        "not_found_offer": "El equipo puede ayudarle:",
        "asking": "Buscando en estas páginas…",
        "ask_failed": "No se pudieron leer estas páginas ahora. "
        "Compruebe la conexión y vuelva a preguntar.",
        "clear": "Borrar las preguntas",
        "required_note": "Los campos marcados con * son obligatorios.",
    },
    "pt": {
        "title": "Fale conosco",
        "greeting": "Olá! Como podemos ajudar?",
        "launcher_label": "Abrir chat",
        "close": "Fechar chat",
        "submit": "Enviar",
        "success": "Obrigado! Recebemos sua mensagem.",
        "error": "Desculpe, não foi possível enviar. Tente novamente.",
        "required": "Este campo é obrigatório.",
        "email": "Informe um e-mail válido, como nome@example.com.",
        "url": "Informe um endereço web completo, começando com https://.",
        "number": "Informe um número.",
        "too_long": "Use no máximo {n} caracteres.",
        "choose": "Escolha uma das opções.",
        "choose_prompt": "Escolher…",
        "fix": "Corrija os campos indicados abaixo.",
        "sending": "Enviando…",
        "retry": "Tentar novamente",
        "pending": "Ainda não enviado: está salvo neste navegador e será enviado quando o "
        "serviço responder.",
        "preview": "Pré-visualização: nada foi enviado (com preview: false nas opções do "
        "plugin, o envio é real). O webhook receberia esta requisição:",
        "consent": "O chat completo carrega quando você aceitar os cookies dele.",
        "consent_settings": "Configurações de cookies",
        "replaced": "Isto substitui sua mensagem anterior, que ainda não tinha sido enviada.",
        "replaced_unsure": "Isto substitui sua mensagem anterior, que talvez já tenha "
        "chegado até nós: ela é marcada como uma correção.",
        "unconfirmed": "Enviado, mas o serviço não permite que esta página leia a "
        "resposta: muito provavelmente chegou e não será enviado "
        "novamente.",
        "not_kept": "Não enviado, e este navegador não conseguiu guardá-lo para enviar depois. "
        "O que você digitou continua no formulário: tente novamente.",
        "pattern": "Use o formato indicado.",
        "too_small": "Informe {n} ou mais.",
        "too_large": "Informe {n} ou menos.",
        "step": "Use incrementos de {n}.",
        "step_near": "Informe {n} ou {m}.",
        "date": "Informe uma data.",
        "too_early": "Escolha {n} ou uma data posterior.",
        "too_late": "Escolha {n} ou uma data anterior.",
        "mailto": "Seu programa de e-mail abre com a mensagem: envie-a por lá.",
        "not_loaded": "Não foi possível carregar o chat.",
        "honeypot": "Deixe este campo vazio.",
        "ask": "Pergunte algo sobre esta documentação",
        "ask_send": "Perguntar",
        "conversation": "Perguntas e respostas",
        "found": "Nestas páginas:",
        "not_found": "Não encontrei uma resposta para isso nestas páginas.",
        "not_found_offer": "A equipe pode ajudar:",
        "asking": "Procurando nestas páginas…",
        "ask_failed": "Não foi possível ler estas páginas agora. "
        "Verifique a conexão e pergunte de novo.",
        "clear": "Apagar as perguntas",
        "required_note": "Os campos marcados com * são obrigatórios.",
    },
    "ja": {
        "title": "チャットで質問する",
        "greeting": "こんにちは！どのようなご用件でしょうか？",
        "launcher_label": "チャットを開く",
        "close": "チャットを閉じる",
        "submit": "送信",
        "success": "ありがとうございます。送信しました。",
        "error": "送信できませんでした。もう一度お試しください。",
        "required": "この項目は必須です。",
        "email": "name@example.com のような有効なメールアドレスを入力してください。",
        "url": "https:// で始まる完全なURLを入力してください。",
        "number": "数値を入力してください。",
        "too_long": "{n} 文字以内で入力してください。",
        "choose": "いずれかの選択肢を選んでください。",
        "choose_prompt": "選択してください…",
        "fix": "下記の項目を修正してください。",
        "sending": "送信中…",
        "retry": "再試行",
        "pending": "まだ送信されていません。このブラウザに保存され、サービスが応答したときに"
        "送信されます。",
        "preview": "プレビュー：何も送信されていません（プラグインのオプションで preview: false "
        "にすると実際に送信されます）。Webhook は次のリクエストを受け取ります：",
        "consent": "Cookie に同意すると、完全なチャットが読み込まれます。",
        "consent_settings": "Cookie の設定",
        "replaced": "まだ送信されていなかった以前のメッセージをこの内容で置き換えます。",
        "replaced_unsure": "以前のメッセージは既に届いている可能性があります。"
        "この内容はその訂正として送られます。",
        "unconfirmed": "送信しましたが、サービスが応答の読み取りを許可していません。"
        "おそらく届いているため、再送信はしません。",
        "not_kept": "送信されませんでした。このブラウザーでは後で送信するために"
        "保存できませんでした。入力内容はフォームに残っています。もう一度お試しください。",
        "pattern": "指定された形式で入力してください。",
        "too_small": "{n} 以上を入力してください。",
        "too_large": "{n} 以下を入力してください。",
        "step": "{n} 刻みで入力してください。",
        "step_near": "{n} または {m} を入力してください。",
        "date": "日付を入力してください。",
        "too_early": "{n} 以降の日付を選んでください。",
        "too_late": "{n} 以前の日付を選んでください。",
        "mailto": "メールソフトにメッセージが表示されます。そこから送信してください。",
        "not_loaded": "チャットを読み込めませんでした。",
        "honeypot": "この欄は空のままにしてください。",
        "ask": "このドキュメントについて質問する",
        "ask_send": "質問",
        "conversation": "質問と回答",
        "found": "次のページより:",
        "not_found": "このサイトのページには、その答えが見つかりませんでした。",
        "not_found_offer": "チームがお手伝いします:",
        "asking": "ページを検索しています…",
        "ask_failed": "今はページを読み込めませんでした。"
        "接続を確認して、もう一度質問してください。",
        "clear": "質問を消去",
        "required_note": "* の付いた項目は必須です。",
    },
    "zh": {
        "title": "与我们聊天",
        "greeting": "你好！有什么可以帮您？",
        "launcher_label": "打开聊天",
        "close": "关闭聊天",
        "submit": "提交",
        "success": "谢谢！已成功发送。",
        "error": "抱歉，发送失败，请重试。",
        "required": "此项为必填项。",
        "email": "请输入有效的电子邮件地址，例如 name@example.com。",
        "url": "请输入以 https:// 开头的完整网址。",
        "number": "请输入数字。",
        "too_long": "最多 {n} 个字符。",
        "choose": "请选择一个选项。",
        "choose_prompt": "请选择…",
        "fix": "请更正下面标出的字段。",
        "sending": "正在发送…",
        "retry": "重试",
        "pending": "尚未发送：已保存在此浏览器中，服务恢复后将自动发送。",
        "preview": "预览：未发送任何内容（在插件选项中设置 preview: false 即可真正发送）。"
        "Webhook 将收到以下请求：",
        "consent": "接受其 Cookie 后，将加载完整的聊天。",
        "consent_settings": "Cookie 设置",
        "replaced": "这将替换您之前尚未发送的消息。",
        "replaced_unsure": "这将替换您之前的消息（它可能已经送达），并标记为更正。",
        "unconfirmed": "已发送，但该服务不允许此页面读取其回复：消息很可能已送达，不会再次发送。",
        "not_kept": "未发送，且此浏览器无法保存以便稍后发送。您的输入仍在表单中，请重试。",
        "pattern": "请按要求的格式填写。",
        "too_small": "请输入不小于 {n} 的数。",
        "too_large": "请输入不大于 {n} 的数。",
        "step": "请以 {n} 为步长输入。",
        "step_near": "请输入 {n} 或 {m}。",
        "date": "请输入日期。",
        "too_early": "请选择 {n} 或之后的日期。",
        "too_late": "请选择 {n} 或之前的日期。",
        "mailto": "您的邮件程序将打开这封邮件，请在那里发送。",
        "not_loaded": "无法加载聊天。",
        "honeypot": "请将此栏留空。",
        "ask": "提问：关于本文档的问题",
        "ask_send": "提问",
        "conversation": "问题与回答",
        "found": "来自以下页面：",
        "not_found": "在这些页面中没有找到这个问题的答案。",
        "not_found_offer": "团队可以帮助您：",
        "asking": "正在这些页面中查找…",
        "ask_failed": "暂时无法读取这些页面。请检查网络连接后再问一次。",
        "clear": "清除问题",
        "required_note": "标有 * 的字段为必填项。",
    },
}
KEYS = tuple(CATALOG["en"])
NUMBERED = ("too_long", "too_small", "too_large", "step", "step_near", "too_early", "too_late")
"""Words with a `{n}` the widget fills in: a length, a bound, a step or a date."""
PAIRED = ("step_near",)
"""Words with a `{m}` too: the two valid numbers nearest to a number off the step."""


def language(code: Optional[str]) -> str:
    """The catalog for a theme's language code: `pt-BR` is pt, `zh_CN` is zh."""
    base = (code or "en").replace("_", "-").split("-")[0].lower()
    return base if base in CATALOG else "en"


def english(code: Optional[str], overrides: Mapping[str, Optional[str]]) -> list[str]:
    """The keys whose words are the English fallback on a site in another language
    (one with no catalog here): the widget marks them `lang="en" dir="ltr"`."""
    base = (code or "en").replace("_", "-").split("-")[0].lower()
    if base == "en" or base in CATALOG:
        return []
    return [k for k in KEYS if overrides.get(k) is None]


def messages_for(code: Optional[str], overrides: Mapping[str, Optional[str]]) -> dict[str, str]:
    """The widget's words: the language's catalog, then the author's own."""
    words = dict(CATALOG[language(code)])
    words.update({k: v for k, v in overrides.items() if v is not None})
    return words

// ui/i18n/zhTW.ts — 正體中文 (zh-TW) message catalogue. Typed against the English keys, so a
// missing or extra key fails to compile (and tests/ui/i18n.test.ts checks it at run time too).
// Commands, interface names and tool output stay in English, as on a real host.
import type { MessageKey } from './en';

export const zhTW: Record<MessageKey, string> = {
  'app.tagline': '從 Docker 的網路模式認識 Linux 網路命名空間',
  'app.kernelView': '核心視角',
  'app.kernelSub': '核心裡的命名空間、網路介面與連線',
  'app.userView': '使用者視角',
  'app.userSub': '一般人心中這台機器的樣子',
  'app.twin': '以文字呈現的圖',
  'app.terminal': '終端機',
  'app.credit':
    '每種模式的兩張圖參考邱弘瑋（Hung-Wei Chiu）介紹 Docker 網路模型的文章（hwchiu.com，2020），在此重新繪製。',
  'app.language': '語言',

  'lesson.title': '導覽',
  'lesson.progress': '第 {n} 步，共 {total} 步',
  'lesson.prev': '← 上一步',
  'lesson.next': '下一步 →',
  'lesson.run': '執行這一步',
  'lesson.ran': '這一步的指令已經執行。看看兩張圖，或自己輸入指令試試。',
  'lesson.commands': '這一步的指令',
  'lesson.uses': '適合的情境',
  'lesson.freePlay': '自由操作：終端機隨時可以使用。想輸入什麼都行，之後再回到導覽即可。',
  'lesson.predict': '先猜猜看',
  'lesson.pickFirst': '先選一個答案，再執行這一步來驗證。',
  'lesson.right': '答對了：模擬的主機也是這個結果。',
  'lesson.wrong': '這次沒猜中：模擬的主機給出的是「{actual}」。',
  'lesson.noneMatched': '結果不符合任何選項（是不是手動改過環境？）。',
  'lesson.score': '得分：{asked} 題中答對 {right} 題',
  'lesson.credit': '本導覽依循邱弘瑋文章中的事實與順序：',
  'lesson.creditLink': 'Docker 網路模型',
  'lesson.presenter': '簡報模式',
  'lesson.unexpected': '有指令以狀態 {status} 結束，而不是 {expected}：目前環境和導覽預期的不同。',

  'presenter.exit': '離開簡報模式',
  'presenter.keysTitle': '簡報模式按鍵',
  'presenter.close': '關閉',
  'presenter.key.next': '下一步',
  'presenter.key.prev': '上一步',
  'presenter.key.run': '執行這一步的指令',
  'presenter.key.undo': '復原上一個指令',
  'presenter.key.reset': '重設為全新的主機（並回到導覽第一步）',
  'presenter.key.full': '切換全螢幕',
  'presenter.key.zoom': '放大或縮小字體',
  'presenter.key.help': '顯示這些按鍵',
  'presenter.key.esc': '離開簡報模式',

  'tour.intro.title': '一個核心，多套網路堆疊',
  'tour.intro.body':
    '網路命名空間是核心網路功能的一份獨立副本：有自己的網路介面、位址、路由表與連接埠。行程位於灰線上方的使用者空間；命名空間、網路介面和橋接器則位於灰線下方的核心空間。Docker 並沒有發明新的網路技術：每種模式只是決定容器的行程要放進哪個命名空間，以及這個命名空間要怎麼接線。執行這一步，看看主機本身的網路介面和 Docker 內建的三個網路。',
  'tour.none.title': 'none：什麼都沒有的命名空間',
  'tour.none.body':
    '使用 --network=none 時，Docker 會替容器建立新的命名空間，但裡面除了迴路介面 lo 之外什麼都不放：沒有對外的線路，除了 127.0.0.1 沒有其他位址，也沒有路由。',
  'tour.none.uses':
    '完全不該碰網路的工作：處理本機檔案的批次作業、在沙箱裡執行不受信任的程式，或是打算之後自己動手接線的命名空間。',
  'tour.host.title': 'host：不另外建立命名空間',
  'tour.host.body':
    '使用 --network=host 時，容器的行程直接留在主機的命名空間裡。核心裡不會多出任何東西：容器看到、使用的就是主機的網路介面、位址與連接埠。',
  'tour.host.uses':
    '需要原封不動使用主機網路、中間不經任何轉換的程式：監控代理程式、網路工具，或是極度在意效能的服務。代價是隔離性：連接埠和主機共用。',
  'tour.bridge.title': 'bridge：一條線接到主機上的交換器',
  'tour.bridge.body':
    '這是 Docker 的預設模式。容器有自己的命名空間，並用一對 veth 和主機相連：一端在容器內變成 eth0，另一端插在 docker0 上；docker0 是一個 Linux 橋接器，作用就像交換器。Docker 從 172.17.0.0/16 分配位址，並以 docker0（172.17.0.1）作為閘道。',
  'tour.bridge.uses':
    '大多數單機服務：每個容器有自己的私有位址與連接埠，透過 docker0 和鄰居溝通，再經由主機的 NAT 連到外面。Kubernetes CNI 的 bridge 外掛也是同樣的概念。',
  'tour.bridge2.title': '再一個 bridge：docker0 上的第二個容器',
  'tour.bridge2.body':
    '第二個 bridge 容器會得到另一個命名空間和另一對 veth，插在同一個 docker0 上。同一台交換器上的兩個連接埠：兩個容器可以直接互通。',
  'tour.container.title': 'container：加入另一個容器的命名空間',
  'tour.container.body':
    '使用 --network=container:bridge 時，新容器不會有自己的命名空間：它的行程加入名為 bridge 的容器的命名空間。兩者看到同一個 eth0、同一個位址、同一組連接埠，所以其中一個的 localhost 就是另一個的 localhost。',
  'tour.container.uses':
    '必須緊貼著某個服務的輔助程式：附加在執行中容器上的除錯工具，或是與應用程式並肩運作的代理、日誌收集程式。',
  'tour.pods.title': '從 container 模式到 Kubernetes Pod',
  'tour.pods.body':
    'Kubernetes 的 Pod 把這個做法變成了常態：一個小小的「pause」容器持有命名空間，Pod 裡的每個容器都像 co_container 加入 bridge 那樣加入它。所以同一個 Pod 的容器共用一個 IP 位址，並透過 localhost 溝通。四種模式都看過了；終端機仍然可以自由操作。',

  'q.none-reach.prompt': 'none 容器連得到 8.8.8.8 嗎？',
  'q.none-reach.yes': '可以，經由主機',
  'q.none-reach.no': '不行，它沒有任何出口',
  'q.none-reach.explain': '它的命名空間裡只有 lo：沒有通往 8.8.8.8 的介面和路由，所以 ping 立刻失敗。',
  'q.host-links.prompt': '在 host 模式的容器裡執行 ip link，會看到哪些網路介面？',
  'q.host-links.lo': '只有 lo',
  'q.host-links.lo-eth0': 'lo 和它自己的 eth0',
  'q.host-links.host': '主機所有的網路介面',
  'q.host-links.explain': '容器就在主機的命名空間裡執行，所以列出的是主機的介面，連 docker0 也在內。',
  'q.bridge2-addr.prompt': '第二個 bridge 容器會拿到哪個位址？',
  'q.bridge2-addr.explain': 'docker0 佔用 172.17.0.1，第一個容器拿走 .2，所以 Docker 的 IPAM 分配下一個空著的位址。',
  'q.co-curl.prompt':
    '名為 web 的 nginx 容器也加入了 bridge 的命名空間。在 co_container 裡 curl localhost 連得到這個網頁伺服器嗎？',
  'q.co-curl.yes': '連得到',
  'q.co-curl.no': '連不到，每個容器各有自己的 localhost',
  'q.co-curl.explain':
    'bridge、co_container 和 web 共用同一個命名空間，也就共用一個迴路介面：nginx 在 localhost:80 回應 200。',
};
